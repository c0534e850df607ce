using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Fleetdeck.Testing;

/// <summary>
/// A program under test as a child process, its output captured: for what only a real process shows (signals,
/// kill -9, exit codes, locks, what reaches the terminal).
/// <para>
/// Waits end on what the process reports: the line waited for, its exit, or the condition waited for. None has a
/// deadline of its own: a wait fails when the process exits first, or when it has printed nothing for
/// <see cref="Quiet"/>, however long the step takes on a loaded machine while the process is still talking.
/// </para>
/// </summary>
public class ChildProcess : IAsyncDisposable
{
    /// <summary>How long a process may stay silent during a wait before the test gives up on it (a hang, not slowness).</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly string _name;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private long _lastLine = Stopwatch.GetTimestamp();

    /// <param name="start">Must redirect standard output and error.</param>
    /// <param name="name">How failure messages name it ("fleetdeck", "the operator").</param>
    protected ChildProcess(ProcessStartInfo start, string name)
    {
        _name = name;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.AppendLine(e.Data);
            Interlocked.Exchange(ref _lastLine, Stopwatch.GetTimestamp());
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_error) _error.AppendLine(e.Data);
            Interlocked.Exchange(ref _lastLine, Stopwatch.GetTimestamp());
        };
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

    /// <summary>Waits until the process prints <paramref name="text"/>; fails if it exits first or falls silent for <see cref="Quiet"/>.</summary>
    public Task WaitForOutputAsync(string text) =>
        UntilAsync(() => Task.FromResult(Output.Contains(text, StringComparison.Ordinal)), $"print \"{text}\"", exitedIsFailure: true);

    /// <summary>Waits until <paramref name="condition"/> holds (state the process makes); fails if it exits first or falls silent for <see cref="Quiet"/>.</summary>
    public Task UntilAsync(Func<Task<bool>> condition, string because) => UntilAsync(condition, because, exitedIsFailure: true);

    /// <summary>Probes until <paramref name="until"/> holds for what <paramref name="probe"/> returns, and returns it; fails as <see cref="UntilAsync(Func{Task{bool}}, string)"/>.</summary>
    public async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> until, string because)
    {
        T last = default!;
        await UntilAsync(async () => until(last = await probe()), because, exitedIsFailure: true);
        return last;
    }

    /// <summary>Waits for the process to exit and its output to drain; fails if it falls silent for <see cref="Quiet"/> without exiting.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await UntilAsync(() => Task.FromResult(_process.HasExited), "exit", exitedIsFailure: false);
        _process.WaitForExit(); // and for the redirected output to drain
        return _process.ExitCode;
    }

    private async Task UntilAsync(Func<Task<bool>> condition, string what, bool exitedIsFailure)
    {
        var waitStarted = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (exitedIsFailure && _process.HasExited)
            {
                _process.WaitForExit();
                if (await condition()) return;
                throw new InvalidOperationException($"{_name} exited with {_process.ExitCode} before it would {what}\n{Output}\n{Error}");
            }
            var quietSince = Math.Max(waitStarted, Interlocked.Read(ref _lastLine));
            if (Stopwatch.GetElapsedTime(quietSince) > Quiet)
                throw new TimeoutException($"{_name} printed nothing for {Quiet.TotalMinutes:0} min while a test waited for it to {what}\n{Output}\n{Error}");
            await Task.Delay(50);
        }
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
