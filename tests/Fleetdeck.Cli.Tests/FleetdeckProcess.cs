using Fleetdeck.Testing;

namespace Fleetdeck.Cli.Tests;

/// <summary><c>fleetdeck</c> as a child process (the build's own fleetdeck.dll), for what only a real process shows: signals, kill -9, locks.</summary>
public sealed class FleetdeckProcess : ChildProcess
{
    private FleetdeckProcess(System.Diagnostics.ProcessStartInfo start)
        : base(start, "fleetdeck")
    {
    }

    public static FleetdeckProcess Start(string workingDirectory, params string[] args)
    {
        var start = Dotnet(Path.Combine(AppContext.BaseDirectory, "fleetdeck.dll"), args);
        start.WorkingDirectory = workingDirectory;
        return new FleetdeckProcess(start);
    }

    /// <summary>Starts <c>fleetdeck up</c> on free ports and waits until it says it is up.</summary>
    public static async Task<FleetdeckProcess> UpAsync(string workingDirectory, string stateDir)
    {
        var process = Start(workingDirectory, "up", "--state-dir", stateDir, "--kube-port", "0", "--api-port", "0", "--metrics-port", "0");
        await process.WaitForOutputAsync("Fleetdeck is up");
        return process;
    }
}
