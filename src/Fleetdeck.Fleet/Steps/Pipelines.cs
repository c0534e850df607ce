using k8s;
using k8s.Models;
using Fleetdeck.Fleet.Engine;
using Fleetdeck.Fleet.Steps.ControlRoom;
using Fleetdeck.Fleet.Steps.Workload;
using Fleetdeck.Fleet.Targets;

namespace Fleetdeck.Fleet.Steps;

/// <summary>Each target kind's steps, in order: a workload's six, a control room's three.</summary>
public static class Pipelines
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static IReadOnlyList<IStep> For(Target target, Func<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> install, string server = "") => target switch
    {
        WorkloadTarget => [new BootstrapStep(), new PersistentStep(), new PostgresConfigStep(), new ClusterStep(install), new SitesStep(), new PersistentRepriseStep()],
        _ => [new ControlRoomBootstrapStep(server), new ControlRoomPersistentStep(Http), new ClusterStep(install)],
    };
}
