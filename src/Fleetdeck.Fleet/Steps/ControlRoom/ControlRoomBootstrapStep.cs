using k8s.Models;
using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Steps.ControlRoom;

/// <summary><c>bootstrap</c> of a control room: its namespace and a ConfigMap naming it and its fleets, on its control plane.</summary>
internal sealed class ControlRoomBootstrapStep(string server) : ObjectStep<ControlRoomBootstrapOutputs>
{
    public override string Name => StepNames.Bootstrap;

    public override string Description => "control room namespace and record";

    protected override Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        var room = context.ControlRoom;
        var labels = new Dictionary<string, string> { [Names.ControlRoomLabel] = room.Name };
        IReadOnlyList<DesiredObject> desired =
        [
            new(context.ControlPlane, new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = Names.ControlRoomNamespace(room), Labels = labels } }),
            new(context.ControlPlane, new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = new V1ObjectMeta { Name = $"control-room-{room.Name}", NamespaceProperty = Names.ControlRoomNamespace(room), Labels = labels },
                Data = new Dictionary<string, string> { ["name"] = room.Name, ["fleets"] = string.Join(",", room.Fleets) },
            }),
        ];
        return Task.FromResult(desired);
    }

    protected override Task<ControlRoomBootstrapOutputs> OutputsAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new ControlRoomBootstrapOutputs(server, context.ControlRoom.ControlPlane?.IsEmbedded == true, context.ControlRoom.Fleets));
}
