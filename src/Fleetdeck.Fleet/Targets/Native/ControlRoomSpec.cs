namespace Fleetdeck.Fleet.Targets.Native;

/// <summary>A control room in <c>__ctrl__/&lt;name&gt;/fleetdeck.yaml</c> (<c>fleet.fleetdeck.dev/v1alpha1</c>, kind <c>ControlRoom</c>).</summary>
public sealed class ControlRoomSpec
{
    /// <summary>Where the control plane runs: exactly one of <c>stateDir</c> (an embedded <c>fleetdeck up</c>) or <c>kubeconfig</c>.</summary>
    public ControlPlaneSpec? ControlPlane { get; set; }

    /// <summary>The PostgreSQL server the workloads' databases live on, as an admin.</summary>
    public PostgresAdminSpec? Postgres { get; set; }

    public PrometheusSpec? Prometheus { get; set; }

    /// <summary>Named groups of workloads (a workload may name one).</summary>
    public List<FleetSpec>? Fleets { get; set; }
}

public sealed class ControlPlaneSpec
{
    /// <summary>The state directory of an embedded control plane (<c>fleetdeck up --state-dir</c>); its kubeconfig is used. Relative to this file.</summary>
    public string? StateDir { get; set; }

    /// <summary>A kubeconfig for a real cluster (or any API server). Relative to this file.</summary>
    public string? Kubeconfig { get; set; }
}

public sealed class PostgresAdminSpec
{
    /// <summary>An admin URL (<c>postgres://user:password@host:port/db</c>); prefer <c>urlFrom</c> so no password sits in the file.</summary>
    public string? Url { get; set; }

    public ValueSourceSpec? UrlFrom { get; set; }
}

/// <summary>A value read at run time: from an environment variable or a file.</summary>
public sealed class ValueSourceSpec
{
    public string? Env { get; set; }

    public string? File { get; set; }
}

public sealed class PrometheusSpec
{
    public string? Url { get; set; }
}

public sealed class FleetSpec
{
    public string? Name { get; set; }

    public string? Description { get; set; }
}
