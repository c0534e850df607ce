using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Fleet.Targets.Native;

namespace Fleetdeck.Fleet.Targets;

/// <summary>Reads Fleetdeck's own target files (<c>fleetdeck.yaml</c>, <c>fleet.fleetdeck.dev/v1alpha1</c>).</summary>
internal static partial class NativeTargetReader
{
    public const string ApiVersion = "fleet.fleetdeck.dev/v1alpha1";

    public static IReadOnlyList<string> KnownProducts { get; } = ["connect", "workbench", "packageManager", "chronicle", "flightdeck"];

    public static ControlRoomTarget? ReadControlRoom(string name, TargetSource source, SpecReader reader)
    {
        var spec = reader.Read<ControlRoomSpec>("spec");
        if (spec is null)
        {
            if (reader.Errors.Count == 0) reader.Error("spec", "required: a control room needs spec.controlPlane (stateDir or kubeconfig)");
            return null;
        }

        ControlPlaneLocation? plane = null;
        var cp = spec.ControlPlane;
        if (cp is null || (cp.StateDir is null) == (cp.Kubeconfig is null))
            reader.Error("spec.controlPlane", "set exactly one of stateDir (an embedded `fleetdeck up`) or kubeconfig (a cluster)");
        else
            plane = new ControlPlaneLocation(Relative(source, cp.StateDir), Relative(source, cp.Kubeconfig));

        ValueSource? admin = null;
        if (spec.Postgres is { } pg)
        {
            var from = pg.UrlFrom;
            if ((pg.Url is null) == (from is null) || from is not null && (from.Env is null) == (from.File is null))
                reader.Error("spec.postgres", "set url, or urlFrom with exactly one of env or file");
            else
            {
                if (pg.Url is not null) Checks.Url(reader, "spec.postgres.url", pg.Url, "postgres", "postgresql");
                admin = new ValueSource(pg.Url, from?.Env, Relative(source, from?.File), pg.Url is not null ? "spec.postgres.url" : "spec.postgres.urlFrom", source);
            }
        }
        // An embedded control plane without spec.postgres: its own managed PostgreSQL serves the workloads' databases.
        if (admin is null && plane is { StateDir: { } managed }) admin = new ValueSource(null, null, null, "spec.controlPlane.stateDir", source, managed);
        Checks.Url(reader, "spec.prometheus.url", spec.Prometheus?.Url, "http", "https");
        var fleets = spec.Fleets ?? [];
        for (var i = 0; i < fleets.Count; i++)
        {
            Checks.Required(reader, $"spec.fleets[{i}].name", fleets[i].Name, "the fleet's name");
            Checks.DnsLabel(reader, $"spec.fleets[{i}].name", fleets[i].Name);
        }
        Checks.Unique(reader, "spec.fleets", [.. fleets.Select(f => f.Name)], "fleet");
        return new ControlRoomTarget(name, source, plane, admin, spec.Prometheus?.Url, [.. fleets.Select(f => f.Name ?? "")], null);
    }

    public static WorkloadTarget? ReadWorkload(string name, TargetSource source, SpecReader reader, ObjectSiteLoader sites)
    {
        var spec = reader.Read<WorkloadSpec>("spec");
        if (spec is null)
        {
            if (reader.Errors.Count == 0) reader.Error("spec", "required: a workload needs spec.controlRoom and spec.domain");
            return null;
        }

        Checks.Required(reader, "spec.controlRoom", spec.ControlRoom, "the control room's name (a folder under __ctrl__/)");
        var orgId = spec.OrgId ?? name;
        Checks.DnsLabel(reader, spec.OrgId is null ? "metadata.name" : "spec.orgId", orgId);
        if (orgId.Length > 40) reader.Error(spec.OrgId is null ? "metadata.name" : "spec.orgId", $"org id \"{orgId}\" is longer than 40 characters: set a shorter spec.orgId");
        Checks.Required(reader, "spec.domain", spec.Domain, "the Site's domain, e.g. acme.example.com");
        Checks.Domain(reader, "spec.domain", spec.Domain);
        for (var i = 0; i < (spec.Products?.Count ?? 0); i++)
            Checks.OneOf(reader, $"spec.products[{i}]", spec.Products![i], [.. KnownProducts]);
        Checks.Unique(reader, "spec.products", spec.Products?.Cast<string?>().ToList(), "product");
        Checks.Range(reader, "spec.database.sizeGi", spec.Database?.SizeGi, 1, 65536);
        Checks.Range(reader, "spec.storage.sizeGi", spec.Storage?.SizeGi, 1, 1048576);
        Checks.Cidr(reader, "spec.network.cidr", spec.Network?.Cidr);
        Checks.Range(reader, "spec.network.zoneCount", spec.Network?.ZoneCount, 1, 6);
        foreach (var (db, i) in (spec.Database?.ExtraDatabases ?? []).Select((d, i) => (d, i)))
            Checks.Pattern(reader, $"spec.database.extraDatabases[{i}]", db, PostgresName(), "a database name: use lower-case letters, digits and _");
        Checks.OneOf(reader, "spec.retentionPolicy", spec.RetentionPolicy, "Retain", "Delete");
        if (spec.Cluster is { Kubeconfig: null }) reader.Error("spec.cluster.kubeconfig", "required when spec.cluster is set: the cluster's kubeconfig (or remove spec.cluster to use the control room)");

        JsonObject siteSpec;
        SourcePosition sitePosition;
        if (spec.Site is not null && spec.SiteRef is not null)
        {
            reader.Error("spec.siteRef", "set either site (inline) or siteRef (a file), not both");
            return null;
        }
        if (spec.SiteRef is not null)
        {
            var loaded = sites.Load(Relative(source, spec.SiteRef)!, reader, "spec.siteRef");
            if (loaded is null) return null;
            (siteSpec, sitePosition) = loaded.Value;
        }
        else
        {
            siteSpec = (JsonObject?)spec.Site?.DeepClone() ?? [];
            sitePosition = source.PositionOf("spec.site");
        }
        if (spec.Domain is not null) siteSpec["domain"] = spec.Domain;

        return new WorkloadTarget(name, source, spec.ControlRoom ?? "", spec.Fleet, orgId, Relative(source, spec.Cluster?.Kubeconfig),
            spec.Products, [new WorkloadSite(name, spec.Domain ?? "", siteSpec, sitePosition)],
            spec.Database?.SizeGi, spec.Database?.ExtraDatabases ?? [], spec.Storage?.SizeGi, spec.Network?.Cidr, spec.Network?.ZoneCount,
            spec.RetentionPolicy ?? "Retain", "local");
    }

    internal static string? Relative(TargetSource source, string? path) =>
        path is null ? null : Path.GetFullPath(path, Path.GetDirectoryName(source.File)!);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial System.Text.RegularExpressions.Regex PostgresName();
}
