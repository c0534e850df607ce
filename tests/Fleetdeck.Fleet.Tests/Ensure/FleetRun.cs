using Fleetdeck.Cli;

namespace Fleetdeck.Fleet.Tests.Ensure;

/// <summary>One in-process <c>fleetdeck</c> run and what it printed.</summary>
public sealed record FleetRun(int ExitCode, string Output, string Error)
{
    public static async Task<FleetRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await FleetdeckCli.RunAsync(args, output, error);
        return new FleetRun(code, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- out\n{Output}\n--- err\n{Error}";
}
