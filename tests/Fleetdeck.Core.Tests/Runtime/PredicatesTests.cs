using k8s.Models;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Testing.Kinds;

namespace Fleetdeck.Core.Tests.Runtime;

public sealed class PredicatesTests
{
    private static Widget Stored() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "w1",
            NamespaceProperty = "ns",
            ResourceVersion = "7",
            Generation = 2,
            Labels = new Dictionary<string, string> { ["tier"] = "gold" },
            Annotations = new Dictionary<string, string> { ["note"] = "a" },
            Finalizers = ["example.com/cleanup"],
        },
        Spec = new WidgetSpec { Color = "blue" },
        Status = new WidgetStatus { Count = 1 },
    };

    public static TheoryData<string, Action<Widget>, bool> Changes => new()
    {
        { "status only", w => w.Status.Count = 2, false },
        { "resync (same version)", w => w.Metadata.ResourceVersion = "7", true },
        { "spec (generation)", w => w.Metadata.Generation = 3, true },
        { "label value", w => w.Metadata.Labels["tier"] = "silver", true },
        { "label added", w => w.Metadata.Labels["zone"] = "a", true },
        { "labels removed", w => w.Metadata.Labels = null, true },
        { "annotation value", w => w.Metadata.Annotations["note"] = "b", true },
        { "finalizer removed", w => w.Metadata.Finalizers = [], true },
        { "deletion started", w => w.Metadata.DeletionTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), true },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void NotStatusOnly_is_false_only_for_a_write_of_the_status_alone(string change, Action<Widget> mutate, bool wakes)
    {
        var old = Stored();
        var current = Stored();
        current.Metadata.ResourceVersion = "8";
        mutate(current);

        Predicates.NotStatusOnly(old, current).ShouldBe(wakes, change);
    }
}
