using System.CommandLine;
using Fleetdeck.Cli.Options;
using Fleetdeck.Cli.Client;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Cli.Commands;

/// <summary><c>fleetdeck apply -f FILE|DIR|-</c>: create or update objects from manifests, as <c>kubectl apply</c> does.</summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var file = PathOption.Many("--filename", "A manifest file, a directory of them, or - for stdin", "-f");
        file.Required = true;
        var ns = GlobalOptions.Namespace();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change without writing" };
        var command = new Command("apply", "Create or update objects from YAML or JSON manifests") { file, ns, dryRun };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            var kinds = Modules.Kinds();
            var decoder = new ObjectDecoder(kinds);
            // Every document is read and checked before anything is written: a bad file changes nothing.
            var decoded = parse.GetValue(file)!.SelectMany(f => decoder.DecodeAll(ManifestLoader.Load(f))).ToList();
            foreach (var d in decoded)
                foreach (var warning in d.Warnings)
                    await context.Error.WriteLineAsync($"Warning: {d.Document.Start.Source}: {d.Kind.Kind} {d.Object.Metadata.Name}: {warning}");

            using var client = ClientStore.Open(parse.GetValue(GlobalOptions.Kubeconfig));
            var flagNamespace = parse.GetValue(ns);
            var applier = new ManifestApplier(client.Store);
            foreach (var d in decoded)
            {
                var own = d.Object.Metadata.NamespaceProperty;
                if (flagNamespace is not null && !string.IsNullOrEmpty(own) && own != flagNamespace && d.Kind.Namespaced)
                    throw new CliException($"{d.Document.Start}: the namespace of {d.Kind.Kind} {d.Object.Metadata.Name} (\"{own}\") does not match --namespace \"{flagNamespace}\"");
                var result = await applier.ApplyAsync(d, flagNamespace ?? client.DefaultNamespace, parse.GetValue(dryRun), ct);
                var verb = result.Action switch { ApplyAction.Created => "created", ApplyAction.Updated => "configured", _ => "unchanged" };
                var kindLabel = d.Kind.Group.Length == 0 ? d.Kind.Singular : $"{d.Kind.Singular}.{d.Kind.Group}";
                await context.Out.WriteLineAsync($"{kindLabel}/{result.Name} {verb}{(parse.GetValue(dryRun) ? " (dry run)" : "")}");
            }
            return 0;
        }));
        return command;
    }
}
