using Fleetdeck.Core.Objects;

namespace Fleetdeck.Testing.Kinds;

/// <summary>The registry the tests use: the built-ins plus the test kinds.</summary>
public static class TestKinds
{
    public static KindRegistry Registry() => AddTo(KindRegistry.CreateDefault());

    public static KindRegistry AddTo(KindRegistry registry) =>
        registry.Add<Widget>(k => k with
        {
            ShortNames = ["wd"],
            PrinterColumns = [new("Color", "string", ".spec.color"), new("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")],
        });
}
