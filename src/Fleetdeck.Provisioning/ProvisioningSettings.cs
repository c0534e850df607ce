using Fleetdeck.Provisioning.Controllers;
using Fleetdeck.Provisioning.Credentials;
using Fleetdeck.Provisioning.Infrastructure;
using Fleetdeck.Provisioning.Sites;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Provisioning;

/// <summary>How org provisioning runs inside a control plane.</summary>
public sealed record ProvisioningSettings
{
    public const string SecretFileName = "internal-secret";

    /// <summary>The API's secret; when null, one is generated into the state directory (<see cref="SecretFileName"/>).</summary>
    public string? InternalSecret { get; init; }

    /// <summary>Older secrets still accepted during a rotation.</summary>
    public IReadOnlyList<string> FallbackSecrets { get; init; } = [];

    /// <summary><c>local</c> (default) or <c>claims</c>.</summary>
    public string Infrastructure { get; init; } = "local";

    /// <summary>The server the local adapter provisions on. Default: the managed server, when this build runs one.</summary>
    public IDatabaseServer DatabaseServer { get; init; } = new NoDatabaseServer();

    public OrgControllerOptions Controller { get; init; } = new();

    public CredentialOptions Credentials { get; init; } = new();

    /// <summary>Replaces the Site step (tests); default: <see cref="SiteStep"/>.</summary>
    public Func<IObjectStore, ObjectApplier, IOrgSiteStep>? SiteStep { get; init; }

    public static IReadOnlyList<string> Infrastructures { get; } = ["local", "claims"];
}
