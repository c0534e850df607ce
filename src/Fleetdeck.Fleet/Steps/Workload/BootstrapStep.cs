using System.Text;
using k8s.Models;
using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Steps.Workload;

/// <summary>
/// <c>bootstrap</c>: the workload's namespace and its workload secret, whose <c>main-database-url</c> is the admin URL of the
/// control room's PostgreSQL (as PTD's workload secret holds the database connection). Databases and Sites find it there.
/// </summary>
internal sealed class BootstrapStep : ObjectStep<BootstrapOutputs>
{
    public const string DatabaseUrlKey = "main-database-url";

    public override string Name => StepNames.Bootstrap;

    public override string Description => "namespace and workload secret (with the database URL)";

    protected override Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        var w = context.Workload;
        var data = new Dictionary<string, byte[]> { ["org-id"] = Encoding.UTF8.GetBytes(w.OrgId) };
        if (AdminDatabase.Resolve(context) is { } admin) data[DatabaseUrlKey] = Encoding.UTF8.GetBytes(admin.Text);
        IReadOnlyList<DesiredObject> desired =
        [
            new(context.ControlPlane, new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = w.Namespace, Labels = Names.Labels(w) } },
                Keep: w.RetentionPolicy != "Delete"), // it holds the retained storage claim and password secrets
            new(context.ControlPlane, new V1Secret
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Metadata = new V1ObjectMeta { Name = Names.WorkloadSecret(w), NamespaceProperty = w.Namespace, Labels = Names.Labels(w) },
                Type = "Opaque",
                Data = data,
            }),
        ];
        return Task.FromResult(desired);
    }

    protected override Task<BootstrapOutputs> OutputsAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new BootstrapOutputs(context.Workload.Namespace, Names.WorkloadSecret(context.Workload), AdminDatabase.Url(context)?.Server));
}
