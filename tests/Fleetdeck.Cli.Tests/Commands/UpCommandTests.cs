using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Kubernetes.Store;

namespace Fleetdeck.Cli.Tests.Commands;

/// <summary><c>fleetdeck up</c> as a real process: one per state directory, clean stops, refusals, and no acknowledged write lost to kill -9.</summary>
public sealed class UpCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("fleetdeck-up");

    private string StateDir => _dir.File("state");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Up_writes_a_kubeconfig_that_clients_use_and_stops_cleanly_on_ctrl_c()
    {
        await using var up = await FleetdeckProcess.UpAsync(_dir.Path, StateDir);

        up.Output.ShouldContain("Kubernetes API  https://127.0.0.1:");
        var get = await CliRun.RunAsync("--kubeconfig", Path.Combine(StateDir, "kubeconfig"), "get", "namespaces");
        get.Output.ShouldContain("fleetdeck-system", customMessage: get.ToString());

        up.Signal("INT");
        (await up.WaitForExitAsync()).ShouldBe(0, up.Error);
        up.Output.ShouldContain("Stopping...");
        await using var again = await FleetdeckProcess.UpAsync(_dir.Path, StateDir);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_second_up_on_the_same_state_directory_refuses_and_leaves_the_first_healthy()
    {
        await using var first = await FleetdeckProcess.UpAsync(_dir.Path, StateDir);
        var mode = File.GetUnixFileMode(StateDir);
        // The first one's own files (its SQLite store's, its PostgreSQL's) may change under it; the rest are what up writes at start.
        Dictionary<string, DateTime> Files() => Directory.GetFiles(StateDir).Where(f => !Path.GetFileName(f).StartsWith("state.db", StringComparison.Ordinal))
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var files = Files();

        await using var second = FleetdeckProcess.Start(_dir.Path, "up", "--state-dir", StateDir, "--kube-port", "0", "--api-port", "0", "--metrics-port", "0");

        (await second.WaitForExitAsync()).ShouldBe(1);
        second.Error.ShouldContain($"another fleetdeck up is already running on {StateDir} (pid {first.Id})");
        File.GetUnixFileMode(StateDir).ShouldBe(mode, "a refused up changes nothing, not even the directory's mode");
        Files().ShouldBe(files, "nor any file in it");

        // The running server still reaches its files: a checkpoint (where a closed directory made it panic) succeeds.
        var password = File.ReadAllText(Path.Combine(StateDir, "postgres-password")).Trim();
        var port = int.Parse(File.ReadAllText(Path.Combine(StateDir, "postgres-port")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await using (var connection = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=postgres;Pooling=false"))
        {
            await connection.OpenAsync();
            await using var checkpoint = new Npgsql.NpgsqlCommand("CHECKPOINT", connection);
            await checkpoint.ExecuteNonQueryAsync();
        }
        using var health = new HttpClient();
        var metrics = first.Output.Split('\n').Single(l => l.TrimStart().StartsWith("Metrics ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        (await health.GetStringAsync(metrics.Replace("metrics", "readyz", StringComparison.Ordinal))).ShouldBe("ok\n");
        first.HasExited.ShouldBeFalse();
    }

    [Fact]
    public async Task A_corrupt_state_file_is_refused_and_kept()
    {
        Directory.CreateDirectory(StateDir);
        File.WriteAllText(Path.Combine(StateDir, "state.db"), "not a database, someone's precious notes\n");

        var run = await CliRun.RunAsync("up", "--state-dir", StateDir, "--kube-port", "0", "--api-port", "0", "--metrics-port", "0");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("is not a usable Fleetdeck state file");
        File.ReadAllText(Path.Combine(StateDir, "state.db")).ShouldStartWith("not a database");
    }

    [Fact]
    public async Task A_port_in_use_is_named()
    {
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;

        var run = await CliRun.RunAsync("up", "--state-dir", StateDir, "--kube-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--api-port", "0", "--metrics-port", "0");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain($"port {port} for the Kubernetes API is in use");
    }

    [Fact]
    public async Task Kill_9_during_writes_loses_no_acknowledged_write()
    {
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using (var up = await FleetdeckProcess.UpAsync(_dir.Path, StateDir))
        {
            using var connection = KubeConnection.FromKubeconfig(Path.Combine(StateDir, "kubeconfig"));
            var store = new KubernetesObjectStore(connection, KindRegistry.CreateDefault());
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var name = $"w{w}-{i}";
                    try
                    {
                        await store.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" } });
                        acknowledged.Add(name);
                    }
                    catch (StoreException)
                    {
                        return; // the server went away mid-request: this write was never acknowledged
                    }
                }
            })).ToList();

            await up.UntilAsync(() => Task.FromResult(acknowledged.Count >= 300), "acknowledge 300 writes");
            up.Signal("KILL");
            await up.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using var restarted = await FleetdeckProcess.UpAsync(_dir.Path, StateDir);
        using var again = KubeConnection.FromKubeconfig(Path.Combine(StateDir, "kubeconfig"));
        var after = new KubernetesObjectStore(again, KindRegistry.CreateDefault());
        var present = (await after.ListAsync<V1ConfigMap>(ListOptions.InNamespace("default"))).Select(c => c.Metadata.Name).ToHashSet();

        acknowledged.Count.ShouldBeGreaterThanOrEqualTo(300);
        acknowledged.Where(name => !present.Contains(name)).ShouldBeEmpty();
    }
}
