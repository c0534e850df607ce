using System.Text.Json.Nodes;
using k8s.Models;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.Fleet.Engine;
using Fleetdeck.Fleet.Targets;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Fleet.Steps.Workload;

/// <summary>
/// <c>sites</c>: each Site of the workload, in its namespace, with the workload secret as its source of the database URL
/// and the products the target lists switched on; waited on until Ready (within the ready timeout).
/// </summary>
internal sealed class SitesStep : ObjectStep<SitesOutputs>
{
    public override string Name => StepNames.Sites;

    public override string Description => "the Site(s), applied and waited on until Ready";

    protected override Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        var w = context.Workload;
        var decoder = new ObjectDecoder(context.Cluster.Kinds);
        var desired = new List<DesiredObject>();
        foreach (var site in w.Sites)
        {
            var spec = (JsonObject)site.Spec.DeepClone();
            spec["domain"] = site.Domain;
            spec["workloadSecret"] ??= new JsonObject { ["vaultName"] = Names.DatabaseUrlSecret(w), ["type"] = "kubernetes" };
            if (w.Products is { } products)
                foreach (var product in NativeProducts)
                {
                    var section = spec[product] as JsonObject ?? [];
                    section["enabled"] = products.Contains(product, StringComparer.Ordinal);
                    spec[product] = section;
                }
            var root = new JsonObject
            {
                ["apiVersion"] = "core.posit.team/v1beta1",
                ["kind"] = "Site",
                ["metadata"] = new JsonObject { ["name"] = site.Name, ["namespace"] = w.Namespace },
                ["spec"] = spec,
            };
            // Positions of the target's site spec map onto this document's spec, so an unknown field names its line.
            var positions = new Dictionary<string, SourcePosition> { ["spec"] = site.Position };
            DecodedObject decoded;
            try
            {
                decoded = decoder.Decode(new ManifestDocument(root, site.Position, positions));
            }
            catch (ManifestException e)
            {
                throw new StepFailedException($"{TargetError.DisplayPath(site.Position.Source)}:{site.Position.Line}: site {site.Name}: {e.Detail}");
            }
            if (decoded.Warnings.Count > 0)
                throw new StepFailedException($"{TargetError.DisplayPath(site.Position.Source)}:{site.Position.Line}: site {site.Name}: {string.Join("; ", decoded.Warnings)}: fix or remove it");
            var obj = (Site)decoded.Object;
            obj.Metadata.Labels = Names.Labels(w);
            desired.Add(new DesiredObject(context.Cluster, obj, WaitReady: true));
        }
        return Task.FromResult<IReadOnlyList<DesiredObject>>(desired);
    }

    protected override async Task<SitesOutputs> OutputsAsync(StepContext context, CancellationToken cancellationToken)
    {
        var w = context.Workload;
        var list = new List<SiteOutput>();
        foreach (var site in w.Sites)
        {
            var live = await context.Cluster.GetAsync<Site>(w.Namespace, site.Name, cancellationToken).ConfigureAwait(false);
            list.Add(new SiteOutput(site.Name, w.Namespace, site.Domain, live?.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true));
        }
        return new SitesOutputs(list);
    }

    private static readonly string[] NativeProducts = ["connect", "workbench", "packageManager", "chronicle", "flightdeck"];
}
