using System.CommandLine;
using Fleetdeck.Cli.Options;
using Fleetdeck.Cli.Client;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Cli.Commands;

/// <summary><c>fleetdeck delete KIND NAME</c> or <c>delete -f FILE</c>: delete objects (what they own goes with them).</summary>
internal static class DeleteCommand
{
    public static Command Create()
    {
        var kind = new Argument<string?>("kind") { Description = "The kind", Arity = ArgumentArity.ZeroOrOne };
        var names = new Argument<string[]>("name") { Description = "Names of the objects", Arity = ArgumentArity.ZeroOrMore };
        var file = PathOption.Optional("--filename", "Delete the objects a manifest describes", "-f");
        var ns = GlobalOptions.Namespace();
        var ignoreMissing = new Option<bool>("--ignore-not-found") { Description = "Succeed when an object does not exist" };
        var command = new Command("delete", "Delete objects") { kind, names, file, ns, ignoreMissing };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            using var client = ClientStore.Open(parse.GetValue(GlobalOptions.Kubeconfig));
            var targets = new List<(Core.Objects.ResourceKind Kind, string? Namespace, string Name)>();
            var defaultNamespace = parse.GetValue(ns) ?? client.DefaultNamespace;
            if (parse.GetValue(file) is { } path)
            {
                foreach (var d in new ObjectDecoder(client.Store.Kinds).DecodeAll(ManifestLoader.Load(path)))
                    targets.Add((d.Kind, d.Kind.Namespaced ? d.Object.Metadata.NamespaceProperty ?? defaultNamespace : null, d.Object.Metadata.Name));
            }
            else
            {
                var kindName = parse.GetValue(kind) ?? throw new CliException("say what to delete: fleetdeck delete KIND NAME, or fleetdeck delete -f FILE");
                var resolved = Cli.ResolveKind(client.Store.Kinds, kindName);
                var given = parse.GetValue(names) ?? [];
                if (given.Length == 0) throw new CliException($"name the {resolved.Plural} to delete: fleetdeck delete {kindName} NAME");
                targets.AddRange(given.Select(n => (resolved, resolved.Namespaced ? defaultNamespace : null, n)));
            }

            var exit = 0;
            foreach (var (targetKind, targetNamespace, targetName) in targets)
            {
                try
                {
                    var result = await client.Store.DeleteAsync(targetKind, targetNamespace, targetName, cancellationToken: ct);
                    var label = $"{targetKind.Singular}{(targetKind.Group.Length == 0 ? "" : "." + targetKind.Group)} \"{targetName}\"";
                    await context.Out.WriteLineAsync(result.Pending ? $"{label} deleting (waiting for finalizers: {string.Join(", ", result.Object.Metadata.Finalizers ?? [])})" : $"{label} deleted");
                }
                catch (NotFoundException) when (parse.GetValue(ignoreMissing))
                {
                    // asked to treat a missing object as already deleted
                }
                catch (NotFoundException e)
                {
                    await context.Error.WriteLineAsync($"Error from server (NotFound): {e.Message}");
                    exit = 1;
                }
            }
            return exit;
        }));
        return command;
    }
}
