using System.Diagnostics;
using System.Globalization;
using System.Text;
using k8s.Models;
using Npgsql;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Store.Sqlite;
using Fleetdeck.Databases;
using Fleetdeck.Databases.Admin;
using Fleetdeck.Databases.Managed;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Bench;

/// <summary>
/// Provisioning 200 databases (role, database, REVOKE, public schema owner, two schemas) from empty on a real, durable
/// PostgreSQL cluster: the provisioner (one worker, like for like, and the default four), against the floor of the same
/// statements run by one <c>psql</c> script. Then a resync of the 200: DDL statements and store writes, both should be 0.
/// </summary>
internal sealed class DatabaseBenchmark(string workDir, int runs)
{
    private const int Databases = 200;
    private static readonly string[] Schemas = ["app", "metrics"];

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        await using var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions
        {
            DataDirectory = Path.Combine(workDir, "pg"),
            SuperuserPassword = "bench-" + Guid.NewGuid().ToString("N"),
            Settings = new Dictionary<string, string> { ["max_connections"] = "200" },
        });
        var floor = new List<double>();
        var sequential = new List<double>();
        var concurrent = new List<double>();
        long steadyDdl = 0, steadyWrites = 0, provisionDdl = 0;
        for (var run = 0; run < runs; run++)
        {
            // Alternate which goes first, so neither always meets a freshly checkpointed server.
            if (run % 2 == 0) floor.Add(Progress("psql", await FloorAsync(cluster, run)));
            var one = await ProvisionerAsync(cluster, $"one{run}", 1);
            sequential.Add(Progress("provisioner, 1 worker", one.Seconds));
            provisionDdl = one.Ddl;
            var four = await ProvisionerAsync(cluster, $"four{run}", 4);
            concurrent.Add(Progress("provisioner, 4 workers", four.Seconds));
            steadyDdl = Math.Max(steadyDdl, Math.Max(one.SteadyDdl, four.SteadyDdl));
            steadyWrites = Math.Max(steadyWrites, Math.Max(one.SteadyWrites, four.SteadyWrites));
            if (run % 2 == 1) floor.Add(Progress("psql", await FloorAsync(cluster, run)));
        }

        await cluster.StopAsync(immediate: true); // a throw-away cluster: no shutdown checkpoint of gigabytes of WAL
        var floorMedian = Measure.Median(floor);
        var ratio = Measure.Median(sequential) / floorMedian;
        var ratioConcurrent = Measure.Median(concurrent) / floorMedian;
        return
        [
            new("200 databases: psql script (floor)", Seconds(floorMedian), "-", null, Runs(floor)),
            new("200 databases: provisioner, 1 worker", Seconds(Measure.Median(sequential)), "-", null, Runs(sequential) + $"; {provisionDdl} DDL statements"),
            new("  ratio to the floor, 1 worker", $"{ratio:0.00}x", "<= 1.5x", ratio <= 1.5, "same statements, one at a time, like the script"),
            new("200 databases: provisioner, 4 workers (default)", Seconds(Measure.Median(concurrent)), "-", null, Runs(concurrent)),
            new("  ratio to the floor, 4 workers", $"{ratioConcurrent:0.00}x", "<= 1.5x", ratioConcurrent <= 1.5, "the default MaxConcurrency"),
            new("DDL statements in a resync of 200", steadyDdl.ToString(CultureInfo.InvariantCulture), "0", steadyDdl == 0, "catalog reads only"),
            new("store writes in a resync of 200", steadyWrites.ToString(CultureInfo.InvariantCulture), "0", steadyWrites == 0, ""),
        ];
    }

    private static double Progress(string what, double seconds)
    {
        Console.Error.WriteLine($"databases: {what}: {seconds:0.00} s");
        return seconds;
    }

    private static string Seconds(double s) => $"{s:0.00} s";

    private static string Runs(IEnumerable<double> values) => "runs: " + string.Join(", ", values.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)));

    private static string Name(string prefix, int i) => $"b{prefix}_{i:D4}";

    /// <summary>The floor: the provisioner's statements for the same 200 databases, in one psql session (\c to each new database).</summary>
    private async Task<double> FloorAsync(PostgresCluster cluster, int run)
    {
        var prefix = $"psql{run}";
        var script = new StringBuilder("\\set ON_ERROR_STOP 1\n");
        for (var i = 0; i < Databases; i++)
        {
            var name = Name(prefix, i);
            var role = $"\"{name}\"";
            var verifier = ScramVerifier.Create("password-" + name, System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            script.Append(CultureInfo.InvariantCulture, $"CREATE ROLE {role} LOGIN PASSWORD '{verifier}';\n");
            script.Append(CultureInfo.InvariantCulture, $"CREATE DATABASE {role} OWNER {role};\n");
            script.Append(CultureInfo.InvariantCulture, $"REVOKE ALL ON DATABASE {role} FROM PUBLIC;\n");
            script.Append(CultureInfo.InvariantCulture, $"\\c {name}\n");
            script.Append(CultureInfo.InvariantCulture, $"ALTER SCHEMA public OWNER TO {role};\n");
            foreach (var schema in Schemas) script.Append(CultureInfo.InvariantCulture, $"CREATE SCHEMA IF NOT EXISTS \"{schema}\" AUTHORIZATION {role};\n");
            script.Append("\\c postgres\n");
        }
        var file = Path.Combine(workDir, $"floor-{run}.sql");
        await File.WriteAllTextAsync(file, script.ToString());

        var psql = File.Exists("/usr/bin/psql") ? "/usr/bin/psql" : "psql";
        var start = new ProcessStartInfo(psql) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-X", "-q", "-h", PostgresCluster.Host, "-p", cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", PostgresCluster.Superuser, "-d", "postgres", "-f", file })
            start.ArgumentList.Add(a);
        start.Environment["PGPASSWORD"] = new NpgsqlConnectionStringBuilder(cluster.ConnectionString()).Password;
        var timer = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = timer.Elapsed.TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"psql failed: {await stderr}");
        await CleanUpAsync(cluster, prefix);
        return seconds;
    }

    private sealed record ProvisionerRun(double Seconds, long Ddl, long SteadyDdl, long SteadyWrites);

    private async Task<ProvisionerRun> ProvisionerAsync(PostgresCluster cluster, string prefix, int workers)
    {
        var kinds = KindRegistry.CreateDefault();
        var admin = new CountingAdmin(new NpgsqlPostgresAdmin());
        var module = new DatabasesModule(admin: admin) { MaxConcurrency = workers };
        module.RegisterKinds(kinds);
        await using var store = SqliteObjectStore.Open(Path.Combine(workDir, $"{prefix}.db"), kinds);
        await store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench" } });
        await store.CreateAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "workload", NamespaceProperty = "bench" },
            Data = new Dictionary<string, byte[]> { ["main-database-url"] = Encoding.UTF8.GetBytes(cluster.AdminUrl) },
        });
        var manager = new ControllerManager(store, new ManagerOptions { Informers = new InformerOptions { ResyncPeriod = null } });
        module.AddControllers(manager);
        using var stop = new CancellationTokenSource();

        var timer = Stopwatch.StartNew();
        var running = manager.RunAsync(stop.Token);
        await manager.Started;
        for (var i = 0; i < Databases; i++)
        {
            var name = Name(prefix, i);
            await store.CreateAsync(new PostgresDatabase
            {
                Metadata = new V1ObjectMeta { Name = name.Replace('_', '-'), NamespaceProperty = "bench" },
                Spec = new PostgresDatabaseSpec
                {
                    Url = $"postgres://{name}@{PostgresCluster.Host}:{cluster.Port}/{name}",
                    SecretVault = "passwords",
                    SecretPasswordKey = name,
                    WorkloadSecret = new SecretConfig { VaultName = "workload", Type = "kubernetes" },
                    Schemas = [.. Schemas],
                },
            });
        }
        while (true)
        {
            var all = await store.ListAsync<PostgresDatabase>();
            if (all.Count(d => d.IsReady()) == Databases && manager.IsIdle) break;
            if (timer.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"provisioning {prefix} did not finish in 10 minutes");
            await Task.Delay(20);
        }
        var seconds = timer.Elapsed.TotalSeconds;
        var ddl = admin.Statements;

        var calls = admin.Provisions;
        var writes = store.CommittedWrites;
        manager.ResyncNow();
        while (admin.Provisions < calls + Databases || !manager.IsIdle) await Task.Delay(10);
        var steadyDdl = admin.Statements - ddl;
        var steadyWrites = store.CommittedWrites - writes;

        await stop.CancelAsync();
        await running;
        await manager.DisposeAsync();
        await admin.DisposeAsync();
        await CleanUpAsync(cluster, prefix);
        return new ProvisionerRun(seconds, ddl, steadyDdl, steadyWrites);
    }

    private static async Task CleanUpAsync(PostgresCluster cluster, string prefix)
    {
        // Dropping 200 databases and the checkpoint after it take long on a slow disk: no command timeout here.
        await using var connection = new NpgsqlConnection(cluster.ConnectionString() + ";Command Timeout=0");
        await connection.OpenAsync();
        for (var i = 0; i < Databases; i++)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name(prefix, i)}\" WITH (FORCE); DROP ROLE IF EXISTS \"{Name(prefix, i)}\"", connection);
            await drop.ExecuteNonQueryAsync();
        }
        await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
        await checkpoint.ExecuteNonQueryAsync();
    }

    /// <summary>The real adapter, counting provisionings and the DDL statements they ran.</summary>
    private sealed class CountingAdmin(NpgsqlPostgresAdmin inner) : IPostgresAdmin, IAsyncDisposable
    {
        private long _statements;
        private long _provisions;

        public long Statements => Interlocked.Read(ref _statements);

        public long Provisions => Interlocked.Read(ref _provisions);

        public async Task<ProvisionOutcome> ProvisionAsync(PostgresUrl admin, DatabasePlan plan, RolePassword password, CancellationToken cancellationToken)
        {
            var outcome = await inner.ProvisionAsync(admin, plan, password, cancellationToken);
            Interlocked.Add(ref _statements, outcome.Statements.Count);
            Interlocked.Increment(ref _provisions);
            return outcome;
        }

        public Task<bool> CanLogInAsync(PostgresUrl admin, string role, string password, string database, CancellationToken cancellationToken) =>
            inner.CanLogInAsync(admin, role, password, database, cancellationToken);

        public Task<IReadOnlyList<string>> DropAsync(PostgresUrl admin, string role, string database, CancellationToken cancellationToken) =>
            inner.DropAsync(admin, role, database, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
