using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Products.Chronicle;
using Fleetdeck.TeamOperator.Products.Connect;
using Fleetdeck.TeamOperator.Products.Flightdeck;
using Fleetdeck.TeamOperator.Products.PackageManager;
using Fleetdeck.TeamOperator.Products.Workbench;
using Fleetdeck.TeamOperator.Sites;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>
/// Renders a Site (or a product object) all the way down, without a control plane: the Site's objects and product
/// objects (admitted as the store would admit them), then each product's objects. Output order is stable: by kind
/// (in install order), namespace and name. This is what <c>fleetdeck render</c> prints.
/// </summary>
public sealed class TeamRenderer(KindRegistry kinds, IRenderInputs inputs, RenderOptions? options = null)
{
    private static readonly string[] KindOrder =
    [
        "Namespace", "NetworkPolicy", "ServiceAccount", "Secret", "SecretProviderClass", "ConfigMap", "PersistentVolume",
        "PersistentVolumeClaim", "Role", "RoleBinding", "Service", "DaemonSet", "Deployment", "StatefulSet", "Job",
        "Middleware", "Ingress", "PodDisruptionBudget", "PostgresDatabase", "Keycloak",
        "Flightdeck", "Connect", "PackageManager", "Workbench", "Chronicle",
    ];

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Render(IKubernetesObject<V1ObjectMeta> obj, MainDatabase database)
    {
        var result = new List<IKubernetesObject<V1ObjectMeta>>();
        switch (obj)
        {
            case Site site:
                Admit(site);
                var rendered = new SiteRenderer(inputs).Render(site, database);
                result.AddRange(rendered.Objects);
                foreach (var product in rendered.Products)
                {
                    Admit(product);
                    result.Add(product);
                    result.AddRange(RenderProduct(product).Objects);
                }
                break;
            default:
                Admit(obj);
                result.AddRange(RenderProduct(obj).Objects);
                break;
        }
        return Sort(result);
    }

    /// <summary>One product object's objects.</summary>
    public RenderedProduct RenderProduct(IKubernetesObject<V1ObjectMeta> product) => product switch
    {
        Api.Connect connect => new ConnectRenderer(inputs, options).Render(connect),
        Api.Workbench workbench => new WorkbenchRenderer(inputs, options).Render(workbench),
        Api.PackageManager pm => new PackageManagerRenderer(inputs, options).Render(pm),
        Api.Chronicle chronicle => new ChronicleRenderer().Render(chronicle),
        Api.Flightdeck flightdeck => new FlightdeckRenderer().Render(flightdeck),
        _ => throw new ArgumentException($"{product.Kind} {product.Metadata?.Name} is not a Site or a product: nothing to render"),
    };

    /// <summary>The object as a manifest: no status, no server fields.</summary>
    public static JsonObject Manifest(IKubernetesObject<V1ObjectMeta> obj)
    {
        var node = ObjectJson.ToNode(obj);
        node.Remove("status");
        return node;
    }

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Sort(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) =>
        [.. objects
            .OrderBy(o => Array.IndexOf(KindOrder, o.Kind) is var i && i < 0 ? KindOrder.Length : i)
            .ThenBy(o => o.Kind, StringComparer.Ordinal)
            .ThenBy(o => o.Metadata.NamespaceProperty ?? "", StringComparer.Ordinal)
            .ThenBy(o => o.Metadata.Name, StringComparer.Ordinal)];

    private void Admit(IKubernetesObject<V1ObjectMeta> obj) => kinds.Find(obj.GetType())?.Admission?.Default(obj);
}
