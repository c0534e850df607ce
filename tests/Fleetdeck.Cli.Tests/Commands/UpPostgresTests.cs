namespace Fleetdeck.Cli.Tests.Commands;

/// <summary><c>fleetdeck up</c> and its main database: the managed server's URL printed without its password, or the one given.</summary>
public sealed class UpPostgresTests : IDisposable
{
    private readonly TempDirectory _dir = new("fleetdeck-up-pg");

    private string StateDir => _dir.File("state");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Up_prints_the_managed_servers_url_without_its_password_and_stops_it_with_itself()
    {
        await using var up = await FleetdeckProcess.UpAsync(_dir.Path, StateDir);

        var password = File.ReadAllText(Path.Combine(StateDir, "postgres-password")).Trim();
        up.Output.ShouldMatch(@"PostgreSQL      postgres://postgres@127\.0\.0\.1:\d+/postgres  \(managed, data in state/postgres");
        up.Output.ShouldNotContain(password);
        up.Error.ShouldNotContain(password);
        File.Exists(Path.Combine(StateDir, "postgres", "postmaster.pid")).ShouldBeTrue();

        up.Signal("INT");
        (await up.WaitForExitAsync()).ShouldBe(0, up.Error);
        File.Exists(Path.Combine(StateDir, "postgres", "postmaster.pid")).ShouldBeFalse("the server stops with up");
    }

    [Fact]
    public async Task Up_with_a_postgres_url_uses_it_and_prints_it_without_the_password()
    {
        await using var up = FleetdeckProcess.Start(_dir.Path, "up", "--state-dir", StateDir, "--kube-port", "0", "--api-port", "0", "--metrics-port", "0",
            "--postgres-url", "postgres://admin:s3cret-Pa55@db.example.internal:6432/postgres?sslmode=require");
        await up.WaitForOutputAsync("Fleetdeck is up");

        up.Output.ShouldContain("PostgreSQL      postgres://admin@db.example.internal:6432/postgres?sslmode=require  (--postgres-url)");
        up.Output.ShouldNotContain("s3cret-Pa55");
        Directory.Exists(Path.Combine(StateDir, "postgres")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_postgres_url_that_is_not_one_is_refused_in_one_line()
    {
        var run = await CliRun.RunAsync("up", "--state-dir", StateDir, "--kube-port", "0", "--api-port", "0", "--metrics-port", "0", "--postgres-url", "mysql://root@db/x");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Error.ShouldContain("error: --postgres-url is not a postgres:// URL");
    }
}
