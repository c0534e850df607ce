using System.CommandLine;
using Fleetdeck.Core.Modules;
using Fleetdeck.Fleet.Running;
using Fleetdeck.Kubernetes.Install;

namespace Fleetdeck.Cli.Commands;

/// <summary>
/// <c>fleetdeck ensure &lt;target&gt;</c>: run a target's steps in order over the targets directory, as PTD's <c>ensure</c>
/// (<c>--dry-run</c> exits 2 when there are changes, 0 when none).
/// </summary>
internal static class EnsureCommand
{
    public static Command Create(Func<ModuleSettings, IReadOnlyList<IControlPlaneModule>> modules)
    {
        var options = new FleetOptions();
        var target = new Argument<string?>("target") { Description = "A control room or workload (a folder of __ctrl__/ or __work__/); with --all, the control room", Arity = ArgumentArity.ZeroOrOne };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Print the plan (every object to create, change with a diff, or delete); exit 2 if there are changes, 0 if none" };
        var only = new Option<string[]>("--only") { Description = "Run only these steps (comma-separated or repeated; pipeline order is kept)", AllowMultipleArgumentsPerToken = false };
        var from = new Option<string?>("--from") { Description = "Start at this step (to resume after a failure)" };
        var listSteps = new Option<bool>("--list-steps", "-l") { Description = "List the target's steps in order and exit" };
        var autoApprove = new Option<bool>("--auto-approve", "-a") { Description = "Apply without asking (needed when not on a terminal)" };
        var destroy = new Option<bool>("--destroy") { Description = "Run the steps in reverse, deleting what they made; retained data (databases, storage) is kept unless the retention policy is Delete" };
        var all = new Option<bool>("--all") { Description = "Every workload of the control room, --concurrency at a time, continuing past failures" };
        var command = new Command("ensure", "Bring a target of the targets directory to its declared state, step by step") { target, dryRun, only, from, listSteps, autoApprove, destroy, all };
        options.AddTo(command);
        command.SetAction((parse, ct) => FleetOptions.RunAsync(parse, async context =>
        {
            var request = new EnsureRequest
            {
                Target = parse.GetValue(target),
                All = parse.GetValue(all),
                DryRun = parse.GetValue(dryRun),
                Only = [.. (parse.GetValue(only) ?? []).SelectMany(o => o.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                From = parse.GetValue(from),
                ListSteps = parse.GetValue(listSteps),
                AutoApprove = parse.GetValue(autoApprove),
                Destroy = parse.GetValue(destroy),
                Configuration = options.Inputs(parse),
                DefaultKubeconfig = DefaultKubeconfig(parse.GetValue(GlobalOptions.Kubeconfig)),
                Kinds = Modules.Kinds(),
                Install = () => InstallManifests.Build(ControllerCatalog.From(modules(ModuleSettings.Operator)), new InstallOptions()).All,
            };
            return await new EnsureService(context.Console, context.Out, context.Error).RunAsync(request, ct);
        }));
        return command;
    }

    /// <summary>For control rooms that do not say where their control plane is (PTD's): --kubeconfig, KUBECONFIG, or up's own.</summary>
    private static string? DefaultKubeconfig(string? flag)
    {
        try
        {
            return Client.KubeconfigLocator.Resolve(flag);
        }
        catch (CliException)
        {
            return null;
        }
    }
}
