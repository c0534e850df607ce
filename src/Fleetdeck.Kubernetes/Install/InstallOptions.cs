using System.Reflection;
using Fleetdeck.Kubernetes.Operator;

namespace Fleetdeck.Kubernetes.Install;

/// <summary>What <c>fleetdeck install</c> renders: where the operator runs, what it watches, and its image.</summary>
public sealed record InstallOptions
{
    public const string DefaultImageRepository = "ghcr.io/fleetdeck/fleetdeck";

    /// <summary>The operator's own namespace (ServiceAccount, Deployment, Lease, metrics Service).</summary>
    public string Namespace { get; init; } = OperatorOptions.DefaultNamespace;

    /// <summary>Namespaces the operator reconciles in; empty for the whole cluster (then its RBAC is cluster-wide).</summary>
    public IReadOnlyList<string> WatchNamespaces { get; init; } = [];

    /// <summary>The image; by default this build's version of Fleetdeck's image.</summary>
    public string Image { get; init; } = $"{DefaultImageRepository}:{Version}";

    /// <summary>Replicas of the operator: with more than one, they elect a leader and the others stand by.</summary>
    public int Replicas { get; init; } = 2;

    public int MetricsPort { get; init; } = OperatorOptions.DefaultMetricsPort;

    /// <summary>This build's version, as its image is tagged.</summary>
    public static string Version
    {
        get
        {
            var version = typeof(InstallOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = version.IndexOf('+');
            return plus >= 0 ? version[..plus] : version;
        }
    }
}
