using Fleetdeck.TeamOperator.Controllers;
using Fleetdeck.TeamOperator.Databases;
using Fleetdeck.TeamOperator.Simulation;
using Fleetdeck.TeamOperator.Sites;

namespace Fleetdeck.TeamOperator;

/// <summary>How the team operator runs: embedded (<c>fleetdeck up</c>: a database fallback, simulated workloads) or as an operator.</summary>
public sealed record TeamOperatorOptions
{
    /// <summary>Embedded mode's managed PostgreSQL, used when a Site's workload secret gives no <c>main-database-url</c>.</summary>
    public IMainDatabaseFallback? Fallback { get; init; }

    /// <summary>Fills in workload status as a kubelet would; only in embedded mode (nothing runs pods on one machine). Null: off.</summary>
    public SimulatorOptions? Simulator { get; init; }

    public IKeyGenerator Keys { get; init; } = SecureKeyGenerator.Instance;

    /// <summary>Keys each controller reconciles at once.</summary>
    public int MaxConcurrency { get; init; } = 8;

    internal string? FallbackDatabaseHost() => MainDatabase.Parse(Fallback?.AdminUrl)?.Host;
}
