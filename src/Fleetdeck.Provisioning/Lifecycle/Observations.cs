using Fleetdeck.Provisioning.Api;

namespace Fleetdeck.Provisioning.Lifecycle;

/// <summary>The infrastructure as the adapter sees it. <see cref="Synced"/> is null when the adapter has no such notion.</summary>
public sealed record InfraObservation(bool Ready, bool? Synced, string Message, OrgEndpoints? Endpoints = null)
{
    public static InfraObservation NotReady(string message) => new(false, null, message);
}

/// <summary>The end-to-end check: a real <c>SELECT 1</c> as the org's role. <see cref="Message"/> is a fixed category, never the raw error.</summary>
public sealed record ProbeResult(bool Ok, string Message)
{
    public static ProbeResult Succeeded { get; } = new(true, "SELECT 1 as the org's role succeeded");

    public static ProbeResult Skipped(string why) => new(false, why);
}

/// <summary>The org's Site: whether it is Ready, and why not.</summary>
public sealed record SiteObservation(bool Ready, string Message, string? Url = null);

/// <summary>Everything the provisioning step looks at.</summary>
public sealed record ProvisioningObservation(InfraObservation Infra, bool DatabasesExist, ProbeResult Probe, SiteObservation Site);

/// <summary>How far teardown has come.</summary>
public sealed record TeardownObservation(bool SiteGone, bool InfraGone, string Message);
