using System.Collections.Concurrent;
using System.Text;
using k8s.Models;
using Npgsql;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.Databases.Admin;
using Fleetdeck.Databases.Controller;
using Fleetdeck.Databases.Managed;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Databases;

namespace Fleetdeck.Databases.Tests.Controller;

/// <summary>
/// The provisioner as it runs: a store, the controller manager with the databases module, the Npgsql adapter against a
/// real cluster. Names are unique per harness (roles are cluster-wide), and every DDL statement the adapter runs is kept.
/// </summary>
internal sealed class ProvisionerHarness : IAsyncDisposable
{
    public const string Namespace = "team";
    public const string WorkloadSecret = "site-workload";
    public const string PasswordVault = "site-db-passwords";

    private readonly TestStore _store;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private ProvisionerHarness(PostgresCluster cluster, IMainDatabaseFallback? fallback)
    {
        Cluster = cluster;
        Module = new DatabasesModule(fallback, Admin);
        // Driven as every host drives its parts: kinds here, start and controllers in StartAsync.
        _modules = new ModuleSet([Module]);
        _store = new TestStore(kinds: _modules.Kinds());
        Admin.OnStatement = Statements.Enqueue;
        Manager = new ControllerManager(Store, new ManagerOptions { Informers = new InformerOptions { ResyncPeriod = null } });
    }

    private readonly ModuleSet _modules;

    public PostgresCluster Cluster { get; }

    public NpgsqlPostgresAdmin Admin { get; } = new();

    public DatabasesModule Module { get; }

    public ControllerManager Manager { get; }

    public IObjectStore Store => _store.Store;

    public long CommittedWrites => _store.Sqlite.CommittedWrites;

    /// <summary>Every statement that changed something, in order (passwords redacted).</summary>
    public ConcurrentQueue<string> Statements { get; } = new();

    /// <summary>A prefix unique to this harness, valid in role and database names.</summary>
    public string Site { get; } = "s" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<ProvisionerHarness> StartAsync(PostgresCluster cluster, IMainDatabaseFallback? fallback = null, bool workloadSecret = true)
    {
        var harness = new ProvisionerHarness(cluster, fallback);
        await harness._modules.StartAsync(new ModuleContext { Store = harness.Store }, CancellationToken.None);
        harness._modules.AddControllers(harness.Manager);
        await harness.Store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        if (workloadSecret) await harness.SetWorkloadUrlAsync(cluster.AdminUrl);
        harness._running = harness.Manager.RunAsync(harness._stop.Token);
        await harness.Manager.Started.WaitAsync(TimeSpan.FromSeconds(10));
        return harness;
    }

    /// <summary>Writes (or replaces) <c>main-database-url</c> in the workload secret, as a Site's secret holds it.</summary>
    public async Task SetWorkloadUrlAsync(string url)
    {
        var existing = await Store.GetAsync<V1Secret>(Namespace, WorkloadSecret);
        if (existing is null)
        {
            await Store.CreateAsync(new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = WorkloadSecret, NamespaceProperty = Namespace },
                Data = new Dictionary<string, byte[]> { [AdminConnectionResolver.UrlKey] = Encoding.UTF8.GetBytes(url) },
            });
            return;
        }
        existing.Data[AdminConnectionResolver.UrlKey] = Encoding.UTF8.GetBytes(url);
        await Store.UpdateAsync(existing);
    }

    /// <summary>A PostgresDatabase as the team operator makes them: named <c>&lt;site&gt;-&lt;product&gt;</c>, role and database <c>&lt;site&gt;_&lt;product&gt;</c>.</summary>
    public PostgresDatabase Database(string product, params string[] schemas) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{Site}-{product}", NamespaceProperty = Namespace },
        Spec = new PostgresDatabaseSpec
        {
            Url = $"postgres://{Role(product)}@{PostgresCluster.Host}:{Cluster.Port}/{Role(product)}",
            SecretVault = PasswordVault,
            SecretPasswordKey = $"{product}-db-password",
            Secret = new SecretConfig { VaultName = PasswordVault, Type = "kubernetes" },
            WorkloadSecret = new SecretConfig { VaultName = WorkloadSecret, Type = "kubernetes" },
            Schemas = [.. schemas],
        },
    };

    public string Role(string product) => $"{Site}_{product}";

    public Task<PostgresDatabase> CreateAsync(PostgresDatabase db) => Store.CreateAsync(db);

    public async Task<PostgresDatabase?> GetAsync(string product) => await Store.GetAsync<PostgresDatabase>(Namespace, $"{Site}-{product}");

    /// <summary>Waits until the database's Ready condition has the given status and reason, and returns it.</summary>
    public async Task<PostgresDatabase> WaitForAsync(string product, bool ready, string? reason = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var db = await GetAsync(product);
            var c = db?.Status.Find(Conditions.Ready);
            if (c is not null && c.Status == (ready ? Conditions.True : Conditions.False) && (reason is null || c.Reason == reason) && c.ObservedGeneration == db!.Metadata.Generation)
                return db!;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{product} did not become Ready={ready} {reason}; last: {(c is null ? "no condition" : $"{c.Status} {c.Reason}: {c.Message}")}");
            await Task.Delay(20);
        }
    }

    public async Task<string> DescribeAsync(string product) =>
        (await GetAsync(product))?.Status.Find(Conditions.Ready) is { } c ? $"{c.Status} {c.Reason}: {c.Message}" : "no condition";

    public Task<PostgresDatabase> WaitReadyAsync(string product) => WaitForAsync(product, true, Reasons.Provisioned);

    /// <summary>The role's password as the secret holds it.</summary>
    public async Task<string> PasswordAsync(string product)
    {
        var secret = await Store.GetAsync<V1Secret>(Namespace, PasswordVault);
        return Encoding.UTF8.GetString(secret!.Data[$"{product}-db-password"]);
    }

    public string ConnectionString(string role, string password, string database) =>
        Cluster.ConnectionString(database, role, password);

    public async Task<NpgsqlConnection> ConnectAsync(string product, string? password = null, string? database = null)
    {
        var connection = new NpgsqlConnection(ConnectionString(Role(product), password ?? await PasswordAsync(product), database ?? Role(product)));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Reconciles once, directly, as a resync would (and waits for it).</summary>
    public Task<ReconcileResult> ReconcileOnceAsync(PostgresDatabaseReconciler reconciler, string product) =>
        reconciler.ReconcileAsync(new ObjectKey(Namespace, $"{Site}-{product}"), CancellationToken.None);

    public PostgresDatabaseReconciler NewReconciler(IMainDatabaseFallback? fallback = null) =>
        new(Manager.Context, Admin, fallback, new RandomPasswordGenerator());

    public async Task<T?> ScalarAsync<T>(string sql, params object[] args) =>
        await Fleetdeck.Testing.Postgres.PostgresTestDatabase.ScalarAsync<T>(Cluster.ConnectionString(), sql, args);

    public Task ExecuteAsync(string sql, string database = "postgres") =>
        Fleetdeck.Testing.Postgres.PostgresTestDatabase.ExecuteAsync(Cluster.ConnectionString(database), sql);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        await Manager.DisposeAsync();
        await _modules.StopAsync(CancellationToken.None);
        await Admin.DisposeAsync();
        await _store.DisposeAsync();
        await DropOwnAsync();
    }

    /// <summary>Leaves the shared cluster as it was: this harness's databases and roles go.</summary>
    private async Task DropOwnAsync()
    {
        if (!Cluster.IsRunning) return;
        try
        {
            await using var connection = new NpgsqlConnection(Cluster.ConnectionString());
            await connection.OpenAsync();
            var names = new List<(string Kind, string Name)>();
            await using (var command = new NpgsqlCommand("SELECT 'd', datname FROM pg_database WHERE datname LIKE $1 UNION ALL SELECT 'r', rolname FROM pg_roles WHERE rolname LIKE $1 ORDER BY 1", connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = Site + "%" });
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) names.Add((reader.GetString(0), reader.GetString(1)));
            }
            foreach (var (kind, name) in names)
            {
                var sql = kind == "d" ? $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)" : $"DROP OWNED BY \"{name}\"; DROP ROLE IF EXISTS \"{name}\"";
                await using var drop = new NpgsqlCommand(sql, connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        catch (NpgsqlException)
        {
            // best effort: the cluster goes at the end of the run anyway
        }
    }
}
