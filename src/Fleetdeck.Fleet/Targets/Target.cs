using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Fleet.Targets;

public enum TargetKind
{
    ControlRoom,
    Workload,
}

/// <summary>Fleetdeck's own <c>fleetdeck.yaml</c>, or PTD's <c>ptd.yaml</c>.</summary>
public enum TargetFormat
{
    Fleetdeck,
    Ptd,
}

/// <summary>The file a target was read from, for errors that point back into it.</summary>
public sealed record TargetSource(string File, TargetFormat Format, string Kind, ManifestDocument Document)
{
    public SourcePosition PositionOf(string field) => Document.PositionOf(field);

    public TargetError Error(string field, string message) => TargetError.At(PositionOf(field), field, message);
}

/// <summary>A control room or a workload of the targets directory, in Fleetdeck's terms whichever file format it came from.</summary>
public abstract record Target(string Name, TargetSource Source)
{
    public abstract TargetKind Kind { get; }

    /// <summary>The folder holding the target's files.</summary>
    public string Directory => Path.GetDirectoryName(Source.File)!;
}

/// <summary>Where a control plane is reached: an embedded one's state directory (its kubeconfig) or a kubeconfig.</summary>
public sealed record ControlPlaneLocation(string? StateDir, string? Kubeconfig)
{
    public bool IsEmbedded => StateDir is not null;

    public string KubeconfigPath => StateDir is not null ? Path.Combine(StateDir, "kubeconfig") : Kubeconfig!;
}

/// <summary>A value given literally or read at run time (so secrets need not sit in target files).</summary>
public sealed record ValueSource(string? Literal, string? Env, string? File, string Field, TargetSource Source, string? ManagedStateDir = null)
{
    public string Resolve()
    {
        if (Literal is not null) return Literal;
        if (ManagedStateDir is not null) return ManagedPostgresUrl(ManagedStateDir);
        if (Env is not null)
            return Environment.GetEnvironmentVariable(Env) is { Length: > 0 } value
                ? value
                : throw new TargetsException(Source.Error(Field, $"environment variable {Env} is not set: export it before running ensure"));
        return System.IO.File.Exists(File)
            ? System.IO.File.ReadAllText(File).Trim()
            : throw new TargetsException(Source.Error(Field, $"file {File} does not exist: create it or fix the path"));
    }

    /// <summary>The admin URL of the PostgreSQL server an embedded <c>fleetdeck up</c> manages in its state directory.</summary>
    private string ManagedPostgresUrl(string stateDir)
    {
        var port = Path.Combine(stateDir, "postgres-port");
        var password = Path.Combine(stateDir, "postgres-password");
        if (!System.IO.File.Exists(port) || !System.IO.File.Exists(password))
            throw new TargetsException(Source.Error(Field, $"no spec.postgres, and the embedded control plane in {stateDir} runs no managed PostgreSQL yet: start it with `fleetdeck up --state-dir {stateDir}`, or set spec.postgres.urlFrom"));
        return $"postgres://postgres:{Uri.EscapeDataString(System.IO.File.ReadAllText(password).Trim())}@127.0.0.1:{System.IO.File.ReadAllText(port).Trim()}/postgres";
    }
}

public sealed record ControlRoomTarget(
    string Name,
    TargetSource Source,
    ControlPlaneLocation? ControlPlane,
    ValueSource? PostgresAdmin,
    string? PrometheusUrl,
    IReadOnlyList<string> Fleets,
    string? Domain) : Target(Name, Source)
{
    public override TargetKind Kind => TargetKind.ControlRoom;

    /// <summary><c>local</c> for Fleetdeck's own control rooms, <c>aws</c> for PTD's.</summary>
    public string Cloud => Source.Format == TargetFormat.Ptd ? "aws" : "local";
}

/// <summary>One Site of a workload: its name, domain and spec (<c>core.posit.team/v1beta1</c> Site spec).</summary>
public sealed record WorkloadSite(string Name, string Domain, JsonObject Spec, SourcePosition Position);

public sealed record WorkloadTarget(
    string Name,
    TargetSource Source,
    string ControlRoom,
    string? Fleet,
    string OrgId,
    string? ClusterKubeconfig,
    IReadOnlyList<string>? Products,
    IReadOnlyList<WorkloadSite> Sites,
    int? DatabaseSizeGi,
    IReadOnlyList<string> ExtraDatabases,
    int? StorageSizeGi,
    string? NetworkCidr,
    int? ZoneCount,
    string RetentionPolicy,
    string Cloud) : Target(Name, Source)
{
    public override TargetKind Kind => TargetKind.Workload;

    /// <summary>Where infrastructure comes from: a cloud workload (PTD) asks an infrastructure engine through a claim; a local one gets a database on the control room's server.</summary>
    public string Infrastructure => Cloud == "local" ? "local" : "claims";

    /// <summary>The namespace the workload's objects live in.</summary>
    public string Namespace => $"org-{OrgId}";

    public string Domain => Sites.Count > 0 ? Sites[0].Domain : "";

    /// <summary>The field that names the control room, for errors about it.</summary>
    public string ControlRoomField => Source.Format == TargetFormat.Ptd ? "spec.control_room_cluster_name" : "spec.controlRoom";
}
