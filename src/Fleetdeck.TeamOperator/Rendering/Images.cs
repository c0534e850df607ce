namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>Default images when a spec names none.</summary>
internal static class Images
{
    public const string Connect = "ghcr.io/rstudio/rstudio-connect:ubuntu2204";
    public const string ConnectSessionInit = "ghcr.io/rstudio/rstudio-connect-content-init:ubuntu2204-2024.06.0";
    public const string Workbench = "ghcr.io/rstudio/rstudio-workbench:ubuntu2204";
    public const string PackageManager = "ghcr.io/rstudio/rstudio-package-manager:ubuntu2204";
    public const string Chronicle = "ghcr.io/rstudio/chronicle:2023.10.4";
    public const string Flightdeck = "docker.io/posit/ptd-flightdeck";
    public const string Busybox = "busybox:1.36";
    public const string Keycloak = "quay.io/keycloak/keycloak:25.0";
}
