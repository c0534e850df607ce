using System.CommandLine;
using k8s.Exceptions;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;
using Fleetdeck.Server.Hosting;

namespace Fleetdeck.Cli;

/// <summary>What every command shares: turning known failures into one clear line and an exit code, never a stack trace.</summary>
internal static class Cli
{
    public static async Task<int> RunAsync(ParseResult parse, Func<CliContext, Task<int>> body)
    {
        var context = new CliContext(parse);
        try
        {
            return await body(context);
        }
        catch (StoreException e)
        {
            await context.Error.WriteLineAsync($"Error from server ({e.Reason}): {e.Message}");
            foreach (var cause in e.Causes.Where(c => !e.Message.Contains(c.Message, StringComparison.Ordinal)))
                await context.Error.WriteLineAsync($"  {cause.Field}: {cause.Message}");
            return 1;
        }
        catch (Exception e) when (e is CliException or ManifestException or KubeConfigException or StateFileException
                                       or StateDirectoryInUseException or PortInUseException or FormatException)
        {
            await context.Error.WriteLineAsync($"error: {e.Message}");
            return e is CliException cli ? cli.ExitCode : 1;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }

    public static ResourceKind ResolveKind(KindRegistry kinds, string name) =>
        kinds.Resolve(name) ?? throw new CliException(
            $"the server doesn't have a resource type \"{name}\" (known: {string.Join(", ", kinds.All.Select(k => k.Plural).Order(StringComparer.Ordinal))})");
}
