using Fleetdeck.Server.Hosting;
using Fleetdeck.TeamOperator;
using Fleetdeck.TeamOperator.Databases;
using Fleetdeck.TeamOperator.Simulation;

namespace Fleetdeck.Cli.Tests.Team;

/// <summary>
/// <c>fleetdeck up</c> in-process with the team operator as <c>up</c> runs it (embedded: simulated workloads, a managed
/// database fallback). The database provisioner is a separate part: where a test needs products Ready, it marks their
/// PostgresDatabases Ready itself, and says so.
/// </summary>
public sealed class TeamControlPlaneFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("fleetdeck-team");

    public ControlPlaneHost Host { get; private set; } = null!;

    public string Kubeconfig => Host.State.Kubeconfig;

    public async Task InitializeAsync()
    {
        Host = await ControlPlaneHost.StartAsync(new ControlPlaneOptions
        {
            StateDirectory = _dir.File("state"),
            KubePort = 0,
            ApiPort = 0,
            MetricsPort = 0,
            Modules = [TeamOperatorModule.Embedded(new Fallback(), new SimulatorOptions { StartupDelay = TimeSpan.FromMilliseconds(100) })],
        });
        await Host.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await Host.Store.CreateAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = "posit-team" } });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _dir.Dispose();
    }

    public Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync(["--kubeconfig", Kubeconfig, .. args]);

    private sealed class Fallback : IMainDatabaseFallback
    {
        public string? AdminUrl => "postgres://fleetdeck:managed@127.0.0.1:5432/postgres";
    }
}
