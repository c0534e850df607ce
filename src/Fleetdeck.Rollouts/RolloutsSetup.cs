using Fleetdeck.Rollouts.Slo;

namespace Fleetdeck.Rollouts;

/// <summary>How a host wires the rollout engine to its Prometheus (flag, then <c>FLEETDECK_PROMETHEUS_URL</c>).</summary>
public static class RolloutsSetup
{
    public const string PrometheusVariable = "FLEETDECK_PROMETHEUS_URL";

    public static Uri? PrometheusFromEnvironment() =>
        Environment.GetEnvironmentVariable(PrometheusVariable) is { Length: > 0 } text && Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>The rollout engine, reading SLO alerts from the Prometheus at <paramref name="prometheus"/> when there is one.</summary>
    public static RolloutsModule Module(Uri? prometheus)
    {
        var module = new RolloutsModule();
        UsePrometheus(module, prometheus);
        return module;
    }

    public static void UsePrometheus(RolloutsModule module, Uri? address)
    {
        if (address is null) return;
        var baseAddress = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
        module.Options = module.Options with
        {
            Alerts = new PrometheusAlertSource(new HttpClient(), baseAddress, TimeProvider.System, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)),
        };
    }
}
