using Fleetdeck.Core.Objects;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Sites;

/// <summary>What every part of a Site's rendering shares: names, URLs, labels, the database, the secret backend, the defaults in effect.</summary>
internal sealed class SiteContext(Site site, MainDatabase database)
{
    public Site Site { get; } = site;

    public SiteSpec Spec => Site.Spec;

    public MainDatabase Database { get; } = database;

    public string Name => Site.Metadata.Name;

    public string Namespace => Site.Metadata.NamespaceProperty ?? "default";

    public string Domain => Spec.Domain!;

    public Component Component => new(Name, Namespace, "site", "site", "site");

    public Dictionary<string, string> Labels => Kube.Merge(
        new Dictionary<string, string>
        {
            [ManagedBy.Label] = ManagedBy.Fleetdeck,
            [Component.NameLabel] = "site",
            [Component.InstanceLabel] = Name,
        },
        new Dictionary<string, string> { [Component.SiteLabel] = Name, [Component.ComponentLabelKey] = "site" });

    /// <summary>Labels of the product objects: ours, and the site they belong to.</summary>
    public Dictionary<string, string> ProductLabels => new() { [ManagedBy.Label] = ManagedBy.Fleetdeck, [Component.SiteLabel] = Name };

    public string Named(string suffix) => $"{Name}-{suffix}";

    public bool FlightdeckEnabled => Spec.Flightdeck?.Enabled != false;

    public bool ConnectEnabled => Spec.Connect?.Enabled != false;

    public bool WorkbenchEnabled => Spec.Workbench?.Enabled != false;

    public bool PackageManagerEnabled => Spec.PackageManager?.Enabled != false;

    public bool ChronicleEnabled => Spec.Chronicle?.Enabled != false;

    public bool KeycloakEnabled => Spec.Keycloak?.Enabled == true;

    public string ConnectHost => $"{Prefix(Spec.Connect?.DomainPrefix, "connect")}.{Domain}";

    public string WorkbenchHost => $"{Prefix(Spec.Workbench?.DomainPrefix, "workbench")}.{Domain}";

    public string PackageManagerHost => $"{Prefix(Spec.PackageManager?.DomainPrefix, "packagemanager")}.{Domain}";

    public string KeycloakHost => $"key.{Domain}";

    public string AwsRegion => string.IsNullOrEmpty(Spec.AwsRegion) ? "us-east-2" : Spec.AwsRegion;

    public string Distro => string.IsNullOrEmpty(Spec.PackageManagerDistro) ? "jammy" : Spec.PackageManagerDistro;

    public string PrivateNetwork => string.IsNullOrEmpty(Spec.PrivateNetworkCidr) ? "10.0.0.0/8" : Spec.PrivateNetworkCidr;

    public string SessionNamespace => string.IsNullOrEmpty(Spec.SessionNamespace) ? Namespace : Spec.SessionNamespace;

    /// <summary>The CRAN repository products use: the Site's Package Manager's binary repository unless <c>packageManagerUrl</c> is set.</summary>
    public string RepositoryUrl => !string.IsNullOrEmpty(Spec.PackageManagerUrl) ? Spec.PackageManagerUrl : $"https://{PackageManagerHost}/cran/__linux__/{Distro}/latest";

    /// <summary>True when the Site names no secret backend: it then keeps a generated vault of its own.</summary>
    public bool UsesManagedVault => string.IsNullOrEmpty(EffectiveSecretType) && string.IsNullOrEmpty(Spec.Secret?.VaultName);

    public string EffectiveSecretType => !string.IsNullOrEmpty(Spec.Secret?.Type) ? Spec.Secret.Type : Spec.SecretType ?? "";

    /// <summary>The secret backend products get: the Site's, or its generated vault.</summary>
    public SecretConfig ProductSecret => UsesManagedVault
        ? new SecretConfig { Type = SecretBackend.Kubernetes, VaultName = ManagedVault.NameOf(Name) }
        : new SecretConfig { Type = EffectiveSecretType, VaultName = Spec.Secret?.VaultName };

    public string? ChronicleAgentImage => ChronicleEnabled && !string.IsNullOrEmpty(Spec.Chronicle?.AgentImage) ? Spec.Chronicle.AgentImage : null;

    public PostgresDatabaseConfig DatabaseConfig(string? schema = null, string? instrumentationSchema = null) => new()
    {
        Host = Database.Host,
        SslMode = Database.SslMode,
        DropOnTeardown = Spec.DropDatabaseOnTearDown == true ? true : null,
        Schema = string.IsNullOrEmpty(schema) ? null : schema,
        InstrumentationSchema = string.IsNullOrEmpty(instrumentationSchema) ? null : instrumentationSchema,
    };

    public static SecretConfig? Copy(SecretConfig? config) =>
        config is null || (string.IsNullOrEmpty(config.Type) && string.IsNullOrEmpty(config.VaultName)) ? null : new SecretConfig { Type = config.Type, VaultName = config.VaultName };

    public static Dictionary<string, string>? Map(IDictionary<string, string>? map) => Kube.SortedOrNull(map);

    public static List<string>? List(IEnumerable<string>? items) => items?.ToList() is { Count: > 0 } list ? list : null;

    private static string Prefix(string? prefix, string fallback) => string.IsNullOrEmpty(prefix) ? fallback : prefix;
}
