using k8s;
using k8s.Models;
using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Rendering;
using Fleetdeck.TeamOperator.Sites;

namespace Fleetdeck.TeamOperator.Tests.Rendering;

/// <summary>A Site rendered all the way down, with lookups by kind and name.</summary>
internal sealed class Rendered(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
{
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; } = objects;

    public static Rendered Site(string specYaml, string name = "s", IRenderInputs? inputs = null, MainDatabase? database = null)
    {
        var yaml = $"apiVersion: core.posit.team/v1beta1\nkind: Site\nmetadata: {{name: {name}, namespace: posit-team}}\nspec:\n{Indent(specYaml)}";
        var kinds = TeamTestKinds.Registry();
        var decoded = new ObjectDecoder(kinds).Decode(YamlReader.Read(yaml, "site.yaml").Single());
        decoded.Warnings.ShouldBeEmpty();
        return new Rendered(new TeamRenderer(kinds, inputs ?? PlaceholderInputs.Instance).Render(decoded.Object, database ?? RenderDefaults.Database));
    }

    public T Get<T>(string name) where T : class, IKubernetesObject<V1ObjectMeta> =>
        Objects.OfType<T>().SingleOrDefault(o => o.Metadata.Name == name) ?? throw new InvalidOperationException($"no {typeof(T).Name} {name}; have: {string.Join(", ", Objects.Select(o => $"{o.Kind}/{o.Metadata.Name}"))}");

    public bool Has<T>(string name) => Objects.OfType<T>().Any(o => ((IKubernetesObject<V1ObjectMeta>)o!).Metadata.Name == name);

    public string Yaml => RenderOutput.Yaml(Objects);

    public string File(string configMap, string file) => Get<V1ConfigMap>(configMap).Data[file];

    public V1Container Container(string deployment, string container) =>
        Get<V1Deployment>(deployment).Spec.Template.Spec.Containers.Single(c => c.Name == container);

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : "  " + l)) + "\n";
}
