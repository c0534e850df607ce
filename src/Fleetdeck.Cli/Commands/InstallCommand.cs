using System.CommandLine;
using Fleetdeck.Cli.Options;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Modules;
using Fleetdeck.Kubernetes.Install;

namespace Fleetdeck.Cli.Commands;

/// <summary>
/// <c>fleetdeck install</c>: everything that runs the operator on a cluster (namespace, CRDs, RBAC, Deployment, metrics
/// Service) as YAML for <c>kubectl apply -f -</c>, or as a kustomize base with <c>--output-dir</c>.
/// </summary>
internal static class InstallCommand
{
    public static Command Create(Func<ModuleSettings, IReadOnlyList<IControlPlaneModule>> modules)
    {
        var ns = new Option<string>("--namespace", "-n") { Description = "The operator's namespace", DefaultValueFactory = _ => new InstallOptions().Namespace };
        var watch = WatchNamespacesOption.Create("Namespaces the operator reconciles in (RBAC is then granted there only); default: the whole cluster");
        var image = new Option<string>("--image") { Description = "The operator image", DefaultValueFactory = _ => new InstallOptions().Image };
        var replicas = CountOption.Create("--replicas", "Operator replicas; more than one elect a leader", 2, minimum: 1);
        var outputDir = PathOption.Optional("--output-dir", "Write a kustomize base (kustomization.yaml and one file per part) here instead of printing");
        var command = new Command("install", "Print the manifests that install Fleetdeck's operator on a cluster") { ns, watch, image, replicas, outputDir };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            var count = parse.GetValue(replicas);
            var options = new InstallOptions
            {
                Namespace = CheckNamespace(parse.GetValue(ns)!, "--namespace"),
                WatchNamespaces = [.. WatchNamespacesOption.Parse(parse.GetValue(watch))],
                Image = string.IsNullOrWhiteSpace(parse.GetValue(image)) ? throw new CliException("--image may not be empty") : parse.GetValue(image)!,
                Replicas = count,
            };
            var parts = InstallManifests.Build(ControllerCatalog.From(modules(ModuleSettings.Operator)), options);
            if (parse.GetValue(outputDir) is { } directory)
            {
                KustomizeBase.Write(directory, parts);
                await context.Out.WriteLineAsync($"wrote a kustomize base to {directory}: kubectl apply -k {directory}");
                return 0;
            }
            await context.Out.WriteAsync(InstallManifests.ToYaml(parts.All));
            return 0;
        }));
        return command;
    }

    internal static string CheckNamespace(string value, string option) =>
        ObjectNames.ValidateLabel(value) is { } problem ? throw new CliException($"{option} \"{value}\" is not a valid namespace name: {problem}") : value;
}
