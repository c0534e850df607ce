using System.CommandLine;
using Fleetdeck.Cli.Options;
using Fleetdeck.Cli.Client;
using Fleetdeck.Cli.Output;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Cli.Commands;

/// <summary><c>fleetdeck get KIND [NAME]</c>: list or show objects as a table, YAML or JSON.</summary>
internal static class GetCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = "What to get: sites, site, deployments, cm, ..." };
        var name = new Argument<string?>("name") { Description = "One object's name", Arity = ArgumentArity.ZeroOrOne };
        var ns = GlobalOptions.Namespace();
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "List across all namespaces" };
        var output = ChoiceOption.Create("--output", "table, wide, yaml or json", ["table", "wide", "yaml", "json"], "table", "-o");
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector, e.g. app=web,tier!=db" };
        var command = new Command("get", "Show objects") { kind, name, ns, all, output, selector };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            using var client = ClientStore.Open(parse.GetValue(GlobalOptions.Kubeconfig));
            var resolved = Cli.ResolveKind(client.Store.Kinds, parse.GetValue(kind)!);
            var objectName = parse.GetValue(name);
            var allNamespaces = parse.GetValue(all);
            var namespaceName = allNamespaces ? null : parse.GetValue(ns) ?? client.DefaultNamespace;
            var format = parse.GetValue(output)!;
            List<k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>> items;
            if (objectName is not null)
            {
                var obj = await client.Store.GetAsync(resolved, namespaceName, objectName, ct)
                    ?? throw new NotFoundException($"{resolved.Key} \"{objectName}\" not found");
                items = [obj];
            }
            else
            {
                LabelSelector labels;
                try
                {
                    labels = LabelSelector.Parse(parse.GetValue(selector));
                }
                catch (FormatException e)
                {
                    throw new CliException(e.Message);
                }
                var list = await client.Store.ListAsync(resolved, new ListOptions { Namespace = namespaceName, LabelSelector = labels }, ct);
                items = [.. list.Items];
            }

            if (format is "yaml" or "json")
            {
                await context.Out.WriteAsync(ObjectPrinter.Format(items, format, single: objectName is not null));
                return 0;
            }
            if (items.Count == 0)
            {
                await context.Error.WriteLineAsync(namespaceName is null || !resolved.Namespaced
                    ? $"No resources found"
                    : $"No resources found in {namespaceName} namespace.");
                return 0;
            }
            TablePrinter.Print(context.Console, resolved, items, allNamespaces, TimeProvider.System.GetUtcNow());
            return 0;
        }));
        return command;
    }
}
