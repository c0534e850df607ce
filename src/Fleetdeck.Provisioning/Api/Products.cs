namespace Fleetdeck.Provisioning.Api;

/// <summary>The products an org's Site may run, by the Site field that enables each.</summary>
public static class Products
{
    public static IReadOnlyList<string> All { get; } = ["chronicle", "connect", "flightdeck", "packageManager", "workbench"];
}
