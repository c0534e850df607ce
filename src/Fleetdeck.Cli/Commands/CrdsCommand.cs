using System.CommandLine;
using Fleetdeck.Core.Modules;
using Fleetdeck.Kubernetes.Crds;
using Fleetdeck.Kubernetes.Install;

namespace Fleetdeck.Cli.Commands;

/// <summary><c>fleetdeck crds</c>: the CustomResourceDefinitions of every Fleetdeck kind, as YAML for <c>kubectl apply -f -</c>.</summary>
internal static class CrdsCommand
{
    public static Command Create(Func<ModuleSettings, IReadOnlyList<IControlPlaneModule>> modules)
    {
        var command = new Command("crds", "Print the CustomResourceDefinitions of Fleetdeck's kinds (apiextensions.k8s.io/v1), for kubectl apply -f -");
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            var catalog = ControllerCatalog.From(modules(ModuleSettings.Operator));
            var crds = new CrdGenerator().Generate(catalog.Kinds);
            if (crds.Count == 0)
            {
                await context.Error.WriteLineAsync("No Fleetdeck kinds in this build: no CRDs to print");
                return 0;
            }
            await context.Out.WriteAsync(InstallManifests.ToYaml(crds));
            return 0;
        }));
        return command;
    }
}
