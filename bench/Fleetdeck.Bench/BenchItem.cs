using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Bench;

/// <summary>A trivial kind for the store and runtime benchmarks.</summary>
[KubernetesEntity(Group = "bench.fleetdeck.dev", ApiVersion = "v1", Kind = "BenchItem", PluralName = "benchitems")]
internal sealed class BenchItem : CustomResource<BenchItemSpec, ResourceStatus>
{
    public static BenchItem Make(int i) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"item-{i:D6}", NamespaceProperty = "bench", Labels = new Dictionary<string, string> { ["shard"] = (i % 16).ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        Spec = new BenchItemSpec { Value = i },
    };
}

internal sealed class BenchItemSpec
{
    public int Value { get; set; }
}
