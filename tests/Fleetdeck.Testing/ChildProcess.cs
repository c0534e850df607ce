using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Fleetdeck.Testing;

/// <summary>
/// A program under test as a child process, its output captured: for what only a real process shows (signals,
/// kill -9, exit codes, locks, what reaches the terminal).
/// </summary>
public class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    /// <param name="start">Must redirect standard output and error.</param>
    /// <param name="name">How failure messages name it ("fleetdeck", "the operator").</param>
    protected ChildProcess(ProcessStartInfo start, string name)
    {
        _name = name;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_error) _error.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
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

    /// <summary><c>dotnet &lt;assembly&gt; args...</c> with both streams redirected.</summary>
    protected static ProcessStartInfo Dotnet(string assembly, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) throw new InvalidOperationException($"{_name} exited with {_process.ExitCode} before printing \"{text}\"\n{Output}\n{Error}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{_name} did not print \"{text}\" within {timeout.TotalSeconds}s\n{Output}\n{Error}");
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

    /// <summary>Sends a signal as a terminal or an orchestrator would (INT for Ctrl-C, TERM, KILL for kill -9).</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>kill -9, then waits for it to be gone: no clean shutdown at all.</summary>
    public void KillHard()
    {
        Signal("KILL");
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        GC.SuppressFinalize(this);
    }

    public override string ToString() => $"pid {Id}\n--- out\n{Output}\n--- err\n{Error}";
}
