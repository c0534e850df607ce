using System.Text;
using k8s.Models;
using Npgsql;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Testing.Postgres;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Databases.Tests.Controller;

/// <summary>Password rotation without downtime, and a password changed in the secret by hand.</summary>
public sealed class RotationTests : IAsyncLifetime
{
    private ProvisionerHarness _h = null!;

    public async Task InitializeAsync() => _h = await ProvisionerHarness.StartAsync(await PostgresTestServer.GetAsync());

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Rotation_changes_the_password_and_revision_old_sessions_live_on_new_logins_need_the_new_password()
    {
        await _h.CreateAsync(_h.Database("connect", "connect"));
        var before = await _h.WaitReadyAsync("connect");
        var oldPassword = await _h.PasswordAsync("connect");
        await using var running = await _h.ConnectAsync("connect", oldPassword);

        await _h.Store.MutateAsync<PostgresDatabase>(ProvisionerHarness.Namespace, before.Metadata.Name, db =>
        {
            db.Metadata.Annotations = new Dictionary<string, string> { [PostgresDatabase.RotatePasswordAnnotation] = "2026-11-23" };
            return true;
        });

        var after = await Eventually.GetAsync(async () => (await _h.GetAsync("connect"))!,
            db => db.Status.PasswordRotation == "2026-11-23" && db.Status.PasswordRevision == before.Status.PasswordRevision + 1, TimeSpan.FromSeconds(30));
        await _h.WaitReadyAsync("connect");
        var newPassword = await _h.PasswordAsync("connect");
        newPassword.ShouldNotBe(oldPassword);
        newPassword.Length.ShouldBeGreaterThanOrEqualTo(32);

        var refused = await Should.ThrowAsync<PostgresException>(() => _h.ConnectAsync("connect", oldPassword));
        refused.SqlState.ShouldBe("28P01");
        await using (var fresh = await _h.ConnectAsync("connect", newPassword))
            (await ScalarAsync(fresh)).ShouldBe(1);
        (await ScalarAsync(running)).ShouldBe(1, "a session opened before the rotation keeps working until it closes");

        // The same annotation value again is not a new request.
        _h.Manager.ResyncNow();
        await Task.Delay(500);
        (await _h.PasswordAsync("connect")).ShouldBe(newPassword);
        (await _h.GetAsync("connect"))!.Status.PasswordRevision.ShouldBe(after.Status.PasswordRevision);
    }

    [Fact]
    public async Task A_password_written_into_the_secret_by_hand_is_set_on_the_role()
    {
        await _h.CreateAsync(_h.Database("packagemanager", "pm"));
        var before = await _h.WaitReadyAsync("packagemanager");

        var secret = (await _h.Store.GetAsync<V1Secret>(ProvisionerHarness.Namespace, ProvisionerHarness.PasswordVault))!;
        secret.Data["packagemanager-db-password"] = Encoding.UTF8.GetBytes("a-password-chosen-by-a-person-0123456789");
        await _h.Store.UpdateAsync(secret);

        await Eventually.GetAsync(async () => (await _h.GetAsync("packagemanager"))!,
            db => db.Status.PasswordRevision == before.Status.PasswordRevision + 1, TimeSpan.FromSeconds(30));
        await using var connection = await _h.ConnectAsync("packagemanager", "a-password-chosen-by-a-person-0123456789");
        (await ScalarAsync(connection)).ShouldBe(1);
    }

    [Fact]
    public async Task Rotation_refuses_to_write_a_secret_fleetdeck_does_not_manage()
    {
        await _h.Store.CreateAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = ProvisionerHarness.PasswordVault, NamespaceProperty = ProvisionerHarness.Namespace },
            Data = new Dictionary<string, byte[]> { ["workbench-db-password"] = Encoding.UTF8.GetBytes("users-own-password-0123456789abcdef") },
        });
        var db = _h.Database("workbench");
        await _h.CreateAsync(db);
        await _h.WaitReadyAsync("workbench");
        await using (var ok = await _h.ConnectAsync("workbench", "users-own-password-0123456789abcdef"))
            (await ScalarAsync(ok)).ShouldBe(1);

        await _h.Store.MutateAsync<PostgresDatabase>(ProvisionerHarness.Namespace, db.Metadata.Name, d =>
        {
            d.Metadata.Annotations = new Dictionary<string, string> { [PostgresDatabase.RotatePasswordAnnotation] = "1" };
            return true;
        });

        var refused = await _h.WaitForAsync("workbench", false, "PasswordSecretNotManaged");
        refused.Status.Find("Ready")!.Message.ShouldContain("cannot rotate");
        (await _h.PasswordAsync("workbench")).ShouldBe("users-own-password-0123456789abcdef");
    }

    private static async Task<int> ScalarAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
