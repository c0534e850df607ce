using System.CommandLine;
using Fleetdeck.Cli.Client;
using Fleetdeck.Cli.Output;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Cli.Commands;

/// <summary><c>fleetdeck describe KIND NAME</c>: one object, readably, conditions included.</summary>
internal static class DescribeCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = "The kind: site, deployment, ..." };
        var name = new Argument<string>("name") { Description = "The object's name" };
        var ns = GlobalOptions.Namespace();
        var command = new Command("describe", "Show one object in detail") { kind, name, ns };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            using var client = ClientStore.Open(parse.GetValue(GlobalOptions.Kubeconfig));
            var resolved = Cli.ResolveKind(client.Store.Kinds, parse.GetValue(kind)!);
            var objectName = parse.GetValue(name)!;
            var obj = await client.Store.GetAsync(resolved, parse.GetValue(ns) ?? client.DefaultNamespace, objectName, ct)
                ?? throw new NotFoundException($"{resolved.Key} \"{objectName}\" not found");
            await context.Out.WriteAsync(Describer.Describe(resolved, obj, TimeProvider.System.GetUtcNow()));
            return 0;
        }));
        return command;
    }
}
