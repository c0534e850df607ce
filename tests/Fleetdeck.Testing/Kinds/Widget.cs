using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Testing.Kinds;

/// <summary>A small namespaced kind with spec and status, used by the store and runtime tests.</summary>
[KubernetesEntity(Group = "test.fleetdeck.dev", ApiVersion = "v1", Kind = "Widget", PluralName = "widgets")]
public sealed class Widget : CustomResource<WidgetSpec, WidgetStatus>
{
    public static Widget Make(string @namespace, string name, string color = "blue", IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace, Labels = labels },
        Spec = new WidgetSpec { Color = color, Size = 1 },
    };
}

public sealed class WidgetSpec
{
    public string? Color { get; set; }

    public int Size { get; set; }

    public List<string>? Tags { get; set; }
}

public sealed class WidgetStatus : ResourceStatus
{
    public string? Phase { get; set; }

    public int? Count { get; set; }
}
