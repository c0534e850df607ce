namespace Fleetdeck.Fleet.Steps;

/// <summary>The step names, as PTD spells them.</summary>
public static class StepNames
{
    public const string Bootstrap = "bootstrap";
    public const string Persistent = "persistent";
    public const string PostgresConfig = "postgres_config";
    public const string Cluster = "cluster";
    public const string Sites = "sites";
    public const string PersistentReprise = "persistent_reprise";
}
