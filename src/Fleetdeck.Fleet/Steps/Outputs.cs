namespace Fleetdeck.Fleet.Steps;

/// <summary>What <c>bootstrap</c> records for a workload. No secret values: the URL in the secret is not repeated here.</summary>
public sealed record BootstrapOutputs(string Namespace, string WorkloadSecret, string? DatabaseServer);

/// <summary>What <c>persistent</c> records: the database server and storage the workload got.</summary>
public sealed record PersistentOutputs(string Infrastructure, string? DatabaseServer, string? ServerVersion, string? StorageClaim, int? StorageSizeGi, int? DatabaseSizeGi, string? NetworkCidr, int? ZoneCount, string? Bucket = null, string? DatabaseUser = null, string? Database = null);

public sealed record DatabaseOutput(string Name, string Url, string PasswordSecret);

/// <summary>What <c>postgres_config</c> records: each database, its URL (no password) and where its password is.</summary>
public sealed record PostgresConfigOutputs(IReadOnlyList<DatabaseOutput> Databases);

/// <summary>What <c>cluster</c> records.</summary>
public sealed record ClusterOutputs(bool Installed, string? Server, int Objects);

public sealed record SiteOutput(string Name, string Namespace, string Domain, bool Ready);

public sealed record SitesOutputs(IReadOnlyList<SiteOutput> Sites);

/// <summary>What <c>persistent_reprise</c> records: the workload as it stands, gathered from every step.</summary>
public sealed record RepriseOutputs(string Namespace, string OrgId, IReadOnlyList<string> Databases, IReadOnlyList<SiteOutput> Sites);

/// <summary>What a control room's <c>bootstrap</c> records.</summary>
public sealed record ControlRoomBootstrapOutputs(string ControlPlane, bool Embedded, IReadOnlyList<string> Fleets);

/// <summary>What a control room's <c>persistent</c> records.</summary>
public sealed record ControlRoomPersistentOutputs(string? DatabaseServer, string? ServerVersion, string? Prometheus);
