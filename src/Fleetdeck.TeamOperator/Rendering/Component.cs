using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>
/// One product instance's names and labels: the object is named as its Site; what it makes is named
/// <c>&lt;site&gt;-&lt;suffix&gt;</c>. Selector labels never change once created (they are immutable on Deployments).
/// </summary>
internal sealed record Component(string Site, string Namespace, string Suffix, string AppName, string ComponentLabel)
{
    public const string NameLabel = "app.kubernetes.io/name";
    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string SiteLabel = "posit.team/site";
    public const string ComponentLabelKey = "posit.team/component";

    public string Name => $"{Site}-{Suffix}";

    /// <summary>The database and role name: the component name with every character outside <c>[a-z0-9]</c> made <c>_</c>.</summary>
    public string DatabaseName => DatabaseNames.Of(Name);

    public string Named(string suffix) => $"{Name}-{suffix}";

    public Dictionary<string, string> Selector => Kube.Sorted(new Dictionary<string, string>
    {
        [ManagedBy.Label] = ManagedBy.Fleetdeck,
        [NameLabel] = AppName,
        [InstanceLabel] = Name,
    });

    public Dictionary<string, string> Labels => Kube.Merge(Selector, new Dictionary<string, string>
    {
        [SiteLabel] = Site,
        [ComponentLabelKey] = ComponentLabel,
    });

    public Dictionary<string, string> SessionLabels => new()
    {
        [SiteLabel] = Site,
        [ComponentLabelKey] = $"{ComponentLabel}-session",
    };

    /// <summary>The in-cluster address of a Service of this component.</summary>
    public string ServiceHost(string service) => $"{service}.{Namespace}.svc.cluster.local";
}
