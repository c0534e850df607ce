using k8s.Exceptions;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Fleet.Engine;
using Fleetdeck.Fleet.Targets;
using Fleetdeck.Kubernetes.Store;

namespace Fleetdeck.Fleet.Running;

/// <summary>The stores a target's steps write to: its control room's control plane and the cluster its Sites run on.</summary>
public sealed class TargetConnection : IDisposable
{
    private readonly List<KubeConnection> _connections = [];

    private TargetConnection()
    {
    }

    public IObjectStore ControlPlane { get; private set; } = null!;

    public IObjectStore Cluster { get; private set; } = null!;

    public bool ClusterIsReal { get; private set; }

    public string Server { get; private set; } = "";

    /// <summary>Opens (and checks) the control room's control plane and, for a workload with a cluster of its own, that cluster.</summary>
    public static async Task<TargetConnection> OpenAsync(Target target, ControlRoomTarget room, KindRegistry kinds, string? defaultKubeconfig, CancellationToken cancellationToken)
    {
        var connection = new TargetConnection();
        try
        {
            var location = room.ControlPlane;
            var kubeconfig = location?.KubeconfigPath ?? defaultKubeconfig
                ?? throw new StepFailedException($"control room {room.Name} ({TargetError.DisplayPath(room.Source.File)}) says nothing about its control plane: pass --kubeconfig or set KUBECONFIG");
            if (location?.StateDir is { } stateDir && !File.Exists(kubeconfig))
                throw new StepFailedException($"control room {room.Name}: its embedded control plane has no kubeconfig in {stateDir}: start it with `fleetdeck up --state-dir {stateDir}`");
            var plane = connection.Open(kubeconfig);
            connection.Server = plane.BaseUri.ToString();
            await Check(plane, $"control room {room.Name}'s control plane", cancellationToken).ConfigureAwait(false);
            connection.ControlPlane = new KubernetesObjectStore(plane, kinds);
            connection.Cluster = connection.ControlPlane;
            connection.ClusterIsReal = target is ControlRoomTarget && location is { Kubeconfig: not null };
            if (target is WorkloadTarget { ClusterKubeconfig: { } clusterConfig } workload)
            {
                var cluster = connection.Open(clusterConfig);
                await Check(cluster, $"workload {workload.Name}'s cluster", cancellationToken).ConfigureAwait(false);
                connection.Cluster = new KubernetesObjectStore(cluster, kinds);
                connection.ClusterIsReal = true;
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private KubeConnection Open(string kubeconfig)
    {
        try
        {
            var c = KubeConnection.FromKubeconfig(kubeconfig);
            _connections.Add(c);
            return c;
        }
        catch (KubeConfigException e)
        {
            throw new StepFailedException(e.Message);
        }
    }

    private static async Task Check(KubeConnection connection, string what, CancellationToken cancellationToken)
    {
        try
        {
            await connection.CheckReachableAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubeConfigException or HttpRequestException or InvalidOperationException)
        {
            throw new StepFailedException($"{what}: {e.Message}");
        }
    }

    public void Dispose()
    {
        foreach (var c in _connections) c.Dispose();
    }
}
