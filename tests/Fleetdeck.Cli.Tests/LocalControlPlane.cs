using Fleetdeck.Server.Hosting;

namespace Fleetdeck.Cli.Tests;

/// <summary>A control plane started in-process on free ports, in a temp state directory, for the client commands to talk to.</summary>
public sealed class LocalControlPlane : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("fleetdeck-cli");

    public ControlPlaneHost Host { get; private set; } = null!;

    public string Kubeconfig => Host.State.Kubeconfig;

    public string Directory => _dir.Path;

    public async Task InitializeAsync()
    {
        Host = await ControlPlaneHost.StartAsync(new ControlPlaneOptions
        {
            StateDirectory = _dir.File("state"),
            KubePort = 0,
            ApiPort = 0,
            MetricsPort = 0,
        });
        await Host.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>Runs <c>fleetdeck</c> in-process against this control plane.</summary>
    public Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync(["--kubeconfig", Kubeconfig, .. args]);

    public string WriteFile(string name, string text)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}

/// <summary>The result of one in-process <c>fleetdeck</c> run.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await FleetdeckCli.RunAsync(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- out\n{Output}\n--- err\n{Error}";
}
