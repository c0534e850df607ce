using System.Diagnostics;
using System.Text;

namespace Fleetdeck.Server.Tests.KubeApi;

/// <summary>Runs the real kubectl against the façade with a kubeconfig and a discovery cache of its own.</summary>
public sealed class Kubectl(string kubeconfig, string cacheDirectory)
{
    public const string Path = "/usr/bin/kubectl";

    public async Task<KubectlResult> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<KubectlResult> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var process = Start(args, redirectInput: stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // kubectl prints nothing until it is done: bounded like a silent child process, not by how long it should take.
        using var timeout = new CancellationTokenSource(Fleetdeck.Testing.ChildProcess.Quiet);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} printed nothing and did not finish within {Fleetdeck.Testing.ChildProcess.Quiet.TotalMinutes:0} min");
        }
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running kubectl (e.g. <c>get --watch</c>) whose output is collected until it is stopped.</summary>
    public KubectlStream Stream(params string[] args) => new(Start(args, redirectInput: false));

    private Process Start(string[] args, bool redirectInput)
    {
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfig);
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(cacheDirectory);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // Nothing from the machine's own kubectl set-up may leak in.
        info.Environment.Remove("KUBECONFIG");
        info.Environment["HOME"] = cacheDirectory;
        return Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
    }
}

public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public KubectlResult ShouldSucceed()
    {
        ExitCode.ShouldBe(0, $"stdout: {Stdout}\nstderr: {Stderr}");
        return this;
    }

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>A kubectl process whose output lines are collected as they arrive.</summary>
public sealed class KubectlStream : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    public KubectlStream(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
