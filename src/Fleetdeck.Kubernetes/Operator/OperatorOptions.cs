using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Kubernetes.Store;

namespace Fleetdeck.Kubernetes.Operator;

/// <summary>How <c>fleetdeck operator</c> runs against a cluster.</summary>
public sealed record OperatorOptions
{
    public const int DefaultMetricsPort = 9480;
    public const string DefaultLeaseName = "fleetdeck-operator";
    public const string DefaultNamespace = "fleetdeck-system";

    /// <summary>The parts whose controllers run: those <c>fleetdeck up</c> runs, without the embedded-only ones.</summary>
    public IReadOnlyList<IControlPlaneModule> Modules { get; init; } = [];

    /// <summary>Namespaces to watch and reconcile in; empty watches the whole cluster.</summary>
    public IReadOnlyList<string> WatchNamespaces { get; init; } = [];

    /// <summary>Campaign for a Lease and reconcile only while holding it, so that replicas can run side by side.</summary>
    public bool LeaderElect { get; init; }

    /// <summary>Where the Lease lives: the pod's namespace in a pod (<c>POD_NAMESPACE</c>), else <c>fleetdeck-system</c>.</summary>
    public string LeaseNamespace { get; init; } = Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns ? ns : DefaultNamespace;

    public string LeaseName { get; init; } = DefaultLeaseName;

    /// <summary>This candidate's name in the Lease: the pod's name (<c>POD_NAME</c>) or the host's, and a random suffix.</summary>
    public string Identity { get; init; } =
        $"{(Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : Environment.MachineName)}_{Guid.NewGuid():N}";

    /// <summary>How long a Lease holds without renewal before a candidate may take it (client-go's defaults throughout).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it stops reconciling.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to take the Lease and the leader renews it.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> are served; 0 picks a free port.</summary>
    public IPAddress MetricsAddress { get; init; } = IPAddress.Any;

    public int MetricsPort { get; init; } = DefaultMetricsPort;

    public InformerOptions Informers { get; init; } = new();

    public KubernetesStoreOptions Store { get; init; } = new();

    /// <summary>How long the API server has to answer the start-up checks.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory Loggers { get; init; } = NullLoggerFactory.Instance;
}
