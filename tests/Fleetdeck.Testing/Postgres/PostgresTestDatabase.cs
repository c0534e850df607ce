using Npgsql;
using Xunit;
using Fleetdeck.Databases.Managed;

namespace Fleetdeck.Testing.Postgres;

/// <summary>
/// A class fixture: one database of its own on the run's shared cluster (<see cref="PostgresTestServer"/>), dropped
/// when the class is done. Use as <c>IClassFixture&lt;PostgresTestDatabase&gt;</c>.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    public PostgresCluster Cluster { get; private set; } = null!;

    /// <summary>The database's name: <c>test_</c> and 12 random hex digits, unique in the run.</summary>
    public string Name { get; } = $"test_{Guid.NewGuid():N}"[..17];

    /// <summary>A superuser connection string to this database (not pooled).</summary>
    public string ConnectionString => Cluster.ConnectionString(Name);

    /// <summary>The superuser's URL for this database (with the password).</summary>
    public string AdminUrl => Cluster.AdminUrl[..Cluster.AdminUrl.LastIndexOf('/')] + "/" + Name;

    public async Task InitializeAsync()
    {
        Cluster = await PostgresTestServer.GetAsync();
        await ExecuteAsync(Cluster.ConnectionString(), $"CREATE DATABASE \"{Name}\"");
    }

    public async Task DisposeAsync() => await ExecuteAsync(Cluster.ConnectionString(), $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");

    /// <summary>Runs one statement as the superuser in this database.</summary>
    public Task ExecuteAsync(string sql) => ExecuteAsync(ConnectionString, sql);

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args) command.Parameters.Add(new NpgsqlParameter { Value = arg });
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}
