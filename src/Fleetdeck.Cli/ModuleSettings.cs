using Fleetdeck.TeamOperator.Simulation;

namespace Fleetdeck.Cli;

/// <summary>
/// What the parts are built from: the host they run in (<c>up</c> on this machine, or <c>operator</c> against a cluster)
/// and the options that host's command was given. Client commands use the defaults: they only need the parts' kinds.
/// </summary>
internal sealed record ModuleSettings
{
    /// <summary>
    /// <c>fleetdeck up</c>: a managed PostgreSQL (or <see cref="PostgresUrl"/>) that databases and orgs fall back on, and
    /// simulated workloads. Off (<c>fleetdeck operator</c>): no fallback server, the cluster's kubelets run the pods.
    /// </summary>
    public bool Embedded { get; init; }

    /// <summary>An existing server instead of the managed one (<c>--postgres-url</c>; embedded only).</summary>
    public string? PostgresUrl { get; init; }

    public SimulatorOptions Simulator { get; init; } = new();

    /// <summary>Prometheus whose SLO alerts roll canaries back.</summary>
    public Uri? Prometheus { get; init; }

    /// <summary>The REST API's secret (embedded: one is generated into the state directory when none is given).</summary>
    public string? InternalSecret { get; init; }

    /// <summary><c>local</c> or <c>claims</c>; the operator has no local disk to offer, so it uses <c>claims</c>.</summary>
    public string OrgInfrastructure { get; init; } = "claims";

    public string? OrgDatabaseUrl { get; init; }

    /// <summary>The operator's settings: what <c>fleetdeck operator</c>, <c>crds</c>, <c>install</c> and the client commands derive from.</summary>
    public static ModuleSettings Operator { get; } = new();
}
