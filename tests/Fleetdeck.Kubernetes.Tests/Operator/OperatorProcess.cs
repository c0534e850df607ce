using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Fleetdeck.Kubernetes.Tests.Operator;

/// <summary>
/// <c>fleetdeck</c> with the test modules, as a child process (the test operator build): for what only a process shows,
/// such as kill -9 of a leader, exit codes and what reaches the terminal.
/// </summary>
public sealed partial class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private OperatorProcess(Process process)
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

    /// <summary>The identity it campaigns under, from its start-up line.</summary>
    public string? Identity => IdentityPattern().Match(Output) is { Success: true } m ? m.Groups[1].Value : null;

    public static OperatorProcess Start(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Fleetdeck.Kubernetes.TestOperator.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("KUBECONFIG");
        start.Environment.Remove("KUBERNETES_SERVICE_HOST");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        return new OperatorProcess(Process.Start(start)!);
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) throw new InvalidOperationException($"the operator exited with {_process.ExitCode} before printing \"{text}\"\n{Output}\n{Error}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the operator did not print \"{text}\" within {timeout.TotalSeconds}s\n{Output}\n{Error}");
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

    /// <summary>kill -9: no clean shutdown, no release of the Lease.</summary>
    public void KillHard()
    {
        using var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        _process.WaitForExit();
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
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

    public override string ToString() => $"pid {Id}\n--- out\n{Output}\n--- err\n{Error}";

    [GeneratedRegex(@" as (\S+)\); metrics")]
    private static partial Regex IdentityPattern();
}
