namespace Fleetdeck.Rollouts.Slo;

/// <summary>
/// Where firing SLO alerts come from (a port: Prometheus in production, the simulated clusters in the embedded mode).
/// Returns, for one app, the alert names firing per tag; a failure to ask is an exception, never "no alerts".
/// </summary>
public interface IAlertSource
{
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> FiringAsync(string app, bool canariesOnly, CancellationToken cancellationToken);
}

/// <summary>The alert source could not be asked (unreachable, timed out, a bad answer).</summary>
public sealed class AlertSourceException(string message, Exception? inner = null) : Exception(message, inner);
