namespace Fleetdeck.Databases.Managed;

/// <summary>How to run a private PostgreSQL cluster: its data directory, port, superuser password and extra settings.</summary>
public sealed record PostgresClusterOptions
{
    /// <summary>The data directory; created and initialised (initdb) when it holds no cluster yet.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The password of the <c>postgres</c> superuser, set at initdb (later starts use the one stored in the cluster).</summary>
    public required string SuperuserPassword { get; init; }

    /// <summary>Extra <c>postgresql.conf</c> settings written at initdb (e.g. <c>log_statement=ddl</c> for tests).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Skip fsync at initdb and at run time: for throw-away test clusters only.</summary>
    public bool Durable { get; init; } = true;

    /// <summary>Where the server programs are; null finds them (PATH, then the versioned bin folders).</summary>
    public PostgresInstallation? Installation { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
