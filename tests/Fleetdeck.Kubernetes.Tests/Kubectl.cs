using System.Diagnostics;

namespace Fleetdeck.Kubernetes.Tests;

/// <summary>The real kubectl (v1.32 on these machines), with a kubeconfig and a HOME of its own so nothing of the machine's leaks in.</summary>
public static class Kubectl
{
    public const string Path = "/usr/bin/kubectl";

    public static Task<KubectlResult> RunAsync(string? kubeconfig, params string[] args) => RunWithInputAsync(kubeconfig, null, args);

    public static async Task<KubectlResult> RunWithInputAsync(string? kubeconfig, string? stdin, params string[] args)
    {
        using var home = new TempDirectory("kubectl-home");
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        if (kubeconfig is not null)
        {
            info.ArgumentList.Add("--kubeconfig");
            info.ArgumentList.Add(kubeconfig);
        }
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(home.File("cache"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("KUBECONFIG");
        info.Environment["HOME"] = home.Path;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // kubectl prints nothing until it is done: bounded like a silent child process, not by how long it should take.
        using var timeout = new CancellationTokenSource(ChildProcess.Quiet);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} printed nothing and did not finish within {ChildProcess.Quiet.TotalMinutes:0} min");
        }
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public KubectlResult ShouldSucceed()
    {
        ExitCode.ShouldBe(0, $"stdout: {Stdout}\nstderr: {Stderr}");
        return this;
    }
}
