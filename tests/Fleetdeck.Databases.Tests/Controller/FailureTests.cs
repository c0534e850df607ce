using System.Text;
using k8s.Models;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Objects;
using Fleetdeck.Databases.Admin;
using Fleetdeck.Databases.Managed;
using Fleetdeck.Databases.Controller;
using Fleetdeck.Testing.Postgres;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Databases;

namespace Fleetdeck.Databases.Tests.Controller;

/// <summary>Each failure shows as Ready=False with its own reason and message, and recovers when its cause goes.</summary>
public sealed class FailureTests : IAsyncLifetime
{
    private PostgresCluster Cluster = null!;
    private readonly List<ProvisionerHarness> _harnesses = [];

    public async Task InitializeAsync() => Cluster = await PostgresTestServer.GetAsync();

    public async Task DisposeAsync()
    {
        foreach (var h in _harnesses) await h.DisposeAsync();
    }

    private async Task<ProvisionerHarness> StartAsync(IMainDatabaseFallback? fallback = null, bool workloadSecret = true)
    {
        var h = await ProvisionerHarness.StartAsync(Cluster, fallback, workloadSecret);
        _harnesses.Add(h);
        return h;
    }

    private string UrlWith(string user, string password, int? port = null) =>
        $"postgres://{user}:{Uri.EscapeDataString(password)}@{PostgresCluster.Host}:{port ?? Cluster.Port}/postgres";

    [Fact]
    public async Task A_wrong_admin_password_is_AuthenticationFailed_until_the_secret_is_fixed()
    {
        var h = await StartAsync();
        await h.SetWorkloadUrlAsync(UrlWith("postgres", "not-the-password"));
        await h.CreateAsync(h.Database("connect", "connect"));

        var failed = await h.WaitForAsync("connect", false, AdminFailure.AuthenticationFailed);
        failed.Status.Find("Ready")!.Message.ShouldContain("password authentication failed for user \"postgres\"");
        failed.Status.Find("Ready")!.Message.ShouldNotContain("not-the-password");

        await h.SetWorkloadUrlAsync(Cluster.AdminUrl);
        await h.WaitReadyAsync("connect");
    }

    [Fact]
    public async Task An_admin_without_CREATEROLE_is_PermissionDenied_and_a_grant_recovers_it()
    {
        var h = await StartAsync();
        var admin = $"{h.Site}_admin";
        await h.ExecuteAsync($"CREATE ROLE \"{admin}\" LOGIN PASSWORD 'weak-admin-password' NOCREATEROLE NOCREATEDB");
        await h.SetWorkloadUrlAsync(UrlWith(admin, "weak-admin-password"));
        await h.CreateAsync(h.Database("packagemanager", "pm", "metrics"));

        var denied = await h.WaitForAsync("packagemanager", false, AdminFailure.PermissionDenied);
        denied.Status.Find("Ready")!.Message.ShouldContain("CREATE ROLE");

        // A non-superuser admin with CREATEROLE and CREATEDB (as on RDS) suffices: it makes itself a member of the role.
        await h.ExecuteAsync($"ALTER ROLE \"{admin}\" CREATEROLE CREATEDB");
        await h.WaitForAsync("packagemanager", true, timeout: TimeSpan.FromSeconds(60));
        (await h.ScalarAsync<long>("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles a ON a.oid = m.member WHERE r.rolname = $1 AND a.rolname = $2",
            h.Role("packagemanager"), admin)).ShouldBe(1);
        await using var connection = await h.ConnectAsync("packagemanager");
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_ServerUnavailable()
    {
        var h = await StartAsync();
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await h.SetWorkloadUrlAsync(UrlWith("postgres", "whatever", port));
        var db = h.Database("workbench");
        db.Spec.Url = $"postgres://{h.Role("workbench")}@{PostgresCluster.Host}:{port}/{h.Role("workbench")}";
        await h.CreateAsync(db);

        var down = await h.WaitForAsync("workbench", false, AdminFailure.ServerUnavailable);
        down.Status.Find("Ready")!.Message.ShouldContain($"127.0.0.1:{port} is unreachable");
    }

    [Fact]
    public async Task Operator_mode_without_a_main_database_url_says_so_on_the_object()
    {
        var h = await StartAsync(workloadSecret: false);
        await h.CreateAsync(h.Database("connect"));

        var missing = await h.WaitForAsync("connect", false, Reasons.MainDatabaseUrlMissing);
        missing.Status.Find("Ready")!.Message.ShouldContain($"missing database connection definition: workload secret \"{ProvisionerHarness.WorkloadSecret}\" does not exist");
    }

    [Fact]
    public async Task Embedded_mode_uses_the_main_database_when_the_workload_secret_has_no_url()
    {
        var fallback = new Fallback();
        var h = await StartAsync(fallback, workloadSecret: false);
        await h.CreateAsync(h.Database("connect", "connect"));

        (await h.WaitForAsync("connect", false, Reasons.EmbeddedServerNotReady)).Status.Find("Ready")!.Message.ShouldContain("not up yet");
        fallback.AdminUrl = Cluster.AdminUrl;
        h.Manager.ResyncNow();

        await h.WaitReadyAsync("connect");
        await using var connection = await h.ConnectAsync("connect");
    }

    [Fact]
    public async Task A_site_naming_its_own_server_uses_it_even_in_embedded_mode()
    {
        var h = await StartAsync(new Fallback { AdminUrl = UrlWith("postgres", "the-embedded-one-is-not-this", port: 1) });
        await h.CreateAsync(h.Database("workbench"));
        await h.WaitReadyAsync("workbench");
    }

    [Fact]
    public async Task An_aws_secret_cannot_be_read_and_says_so()
    {
        var h = await StartAsync();
        var db = h.Database("connect");
        db.Spec.Secret = new SecretConfig { VaultName = "arn-of-something", Type = "aws" };
        await h.CreateAsync(db);

        var unsupported = await h.WaitForAsync("connect", false, Reasons.SecretTypeUnsupported);
        unsupported.Status.Find("Ready")!.Message.ShouldContain("AWS Secrets Manager secrets cannot be read by Fleetdeck");
    }

    [Fact]
    public async Task A_url_for_another_server_than_the_admin_connection_is_HostMismatch()
    {
        var h = await StartAsync();
        var db = h.Database("connect");
        db.Spec.Url = $"postgres://{h.Role("connect")}@db.example.internal:5432/{h.Role("connect")}";
        await h.CreateAsync(db);

        (await h.WaitForAsync("connect", false, Reasons.HostMismatch)).Status.Find("Ready")!.Message.ShouldContain("db.example.internal:5432");
    }

    [Fact]
    public async Task Credential_secret_username_and_password_override_the_url()
    {
        var h = await StartAsync();
        await h.SetWorkloadUrlAsync(UrlWith("nobody", "nothing"));
        await h.Store.CreateAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "rds-master", NamespaceProperty = ProvisionerHarness.Namespace },
            Data = new Dictionary<string, byte[]>
            {
                ["username"] = Encoding.UTF8.GetBytes("postgres\n"),
                ["password"] = Encoding.UTF8.GetBytes(new Uri(Cluster.AdminUrl).UserInfo.Split(':')[1] + "\n"),
            },
        });
        var db = h.Database("connect");
        db.Spec.MainDbCredentialSecret = new SecretConfig { VaultName = "rds-master", Type = "kubernetes" };
        await h.CreateAsync(db);

        await h.WaitReadyAsync("connect");
    }

    private sealed class Fallback : IMainDatabaseFallback
    {
        public string? AdminUrl { get; set; }
    }
}
