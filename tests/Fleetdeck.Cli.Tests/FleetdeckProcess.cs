using System.Diagnostics;
using System.Text;

namespace Fleetdeck.Cli.Tests;

/// <summary><c>fleetdeck</c> as a child process (the build's own fleetdeck.dll), for what only a real process shows: signals, kill -9, locks.</summary>
public sealed class FleetdeckProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private FleetdeckProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_error) _error.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public string Error
    {
        get { lock (_error) return _error.ToString(); }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static FleetdeckProcess Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fleetdeck.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return new FleetdeckProcess(Process.Start(start)!);
    }

    /// <summary>Starts <c>fleetdeck up</c> on free ports and waits until it says it is up.</summary>
    public static async Task<FleetdeckProcess> UpAsync(string workingDirectory, string stateDir)
    {
        var process = Start(workingDirectory, "up", "--state-dir", stateDir, "--kube-port", "0", "--api-port", "0", "--metrics-port", "0");
        await process.WaitForOutputAsync("Fleetdeck is up", TimeSpan.FromSeconds(60));
        return process;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) throw new InvalidOperationException($"fleetdeck exited with {_process.ExitCode} before printing \"{text}\"\n{Output}\n{Error}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"fleetdeck did not print \"{text}\" within {timeout.TotalSeconds}s\n{Output}\n{Error}");
            await Task.Delay(50);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // and for the redirected output to drain
        return _process.ExitCode;
    }

    /// <summary>Sends a signal as a terminal or an orchestrator would (INT for Ctrl-C, KILL for kill -9).</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
