using Fleetdeck.Core.Modules;
using Fleetdeck.Cli;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Kubernetes.Install;
using Fleetdeck.Kubernetes.Tests.TestParts;

namespace Fleetdeck.Kubernetes.Tests;

/// <summary>The modules the generators are tested over: this build's own (whatever Modules.cs lists) plus the test kinds.</summary>
public static class TestModules
{
    public static IReadOnlyList<IControlPlaneModule> Test => [new WidgetModule(), new GadgetModule()];

    public static IReadOnlyList<IControlPlaneModule> WithBuild => [.. Modules.Create(ModuleSettings.Operator), .. Test];

    public static ControllerCatalog TestCatalog() => ControllerCatalog.From(Test);

    public static ControllerCatalog BuildCatalog() => ControllerCatalog.From(WithBuild);

    /// <summary>This build's own modules only: what <c>fleetdeck install</c> and <c>deploy/</c> carry.</summary>
    public static ControllerCatalog BuildCatalogWithoutTests() => ControllerCatalog.From(Modules.Create(ModuleSettings.Operator));
}
