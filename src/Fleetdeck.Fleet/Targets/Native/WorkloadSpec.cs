using System.Text.Json.Nodes;

namespace Fleetdeck.Fleet.Targets.Native;

/// <summary>A workload in <c>__work__/&lt;name&gt;/fleetdeck.yaml</c> (<c>fleet.fleetdeck.dev/v1alpha1</c>, kind <c>Workload</c>).</summary>
public sealed class WorkloadSpec
{
    /// <summary>The control room (a folder under <c>__ctrl__/</c>).</summary>
    public string? ControlRoom { get; set; }

    /// <summary>One of the control room's fleets (optional).</summary>
    public string? Fleet { get; set; }

    /// <summary>The customer org's id: a DNS label, unique across workloads (default: the workload's name).</summary>
    public string? OrgId { get; set; }

    /// <summary>Where the Site runs; absent: on the control room's control plane.</summary>
    public ClusterSpec? Cluster { get; set; }

    /// <summary>The Site's domain; products are served under it.</summary>
    public string? Domain { get; set; }

    /// <summary>The Site's products: <c>connect</c>, <c>workbench</c>, <c>packageManager</c>, <c>chronicle</c>, <c>flightdeck</c>.</summary>
    public List<string>? Products { get; set; }

    /// <summary>The Site spec inline (<c>core.posit.team/v1beta1</c> Site <c>spec</c>).</summary>
    public JsonObject? Site { get; set; }

    /// <summary>A Site manifest beside this file, instead of <c>site</c>.</summary>
    public string? SiteRef { get; set; }

    public DatabaseSizeSpec? Database { get; set; }

    public StorageSizeSpec? Storage { get; set; }

    public NetworkSizeSpec? Network { get; set; }

    /// <summary>What <c>ensure --destroy</c> keeps: <c>Retain</c> (default: databases and storage stay) or <c>Delete</c>.</summary>
    public string? RetentionPolicy { get; set; }
}

public sealed class ClusterSpec
{
    /// <summary>A kubeconfig for the cluster the Site runs on (relative to this file): a real cluster gets the CRDs and the operator.</summary>
    public string? Kubeconfig { get; set; }
}

public sealed class DatabaseSizeSpec
{
    public int? SizeGi { get; set; }

    /// <summary>More databases beside the products' own (as PTD's <c>extra_postgres_dbs</c>).</summary>
    public List<string>? ExtraDatabases { get; set; }
}

public sealed class StorageSizeSpec
{
    public int? SizeGi { get; set; }
}

public sealed class NetworkSizeSpec
{
    public string? Cidr { get; set; }

    public int? ZoneCount { get; set; }
}
