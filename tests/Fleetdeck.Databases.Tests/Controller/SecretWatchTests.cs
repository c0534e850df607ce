using System.Text;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Databases.Controller;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Databases.Tests.Controller;

/// <summary>A Secret shared by a Site's PostgresDatabases wakes only those whose own key changed.</summary>
public sealed class SecretWatchTests
{
    private static PostgresDatabase Db(string name, string key) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "team" },
        Spec = new PostgresDatabaseSpec
        {
            SecretVault = "vault",
            SecretPasswordKey = key,
            WorkloadSecret = new SecretConfig { VaultName = "workload", Type = "kubernetes" },
        },
    };

    private static V1Secret Vault(string name, long version, params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "team", ResourceVersion = version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        Data = data.ToDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value)),
    };

    [Fact]
    public void Only_the_databases_whose_keys_changed_are_woken()
    {
        var digests = new SecretDigests();
        PostgresDatabase[] dbs = [Db("connect", "pub"), Db("packagemanager", "pkg")];

        DatabasesModule.Affected(dbs, Vault("vault", 1, ("pub", "a")), digests).Select(k => k.Name).ShouldBe(["connect", "packagemanager"], "first sight");
        DatabasesModule.Affected(dbs, Vault("vault", 2, ("pub", "a"), ("pkg", "b")), digests).Select(k => k.Name).ShouldBe(["packagemanager"]);
        DatabasesModule.Affected(dbs, Vault("vault", 1, ("pub", "a")), digests).ShouldBeEmpty("an update's old object is no news");
        DatabasesModule.Affected(dbs, Vault("vault", 3, ("pub", "a"), ("pkg", "b"), ("other", "c")), digests).ShouldBeEmpty("a key nobody reads");
        DatabasesModule.Affected(dbs, Vault("vault", 4, ("pub", "new"), ("pkg", "b")), digests).Select(k => k.Name).ShouldBe(["connect"]);
        DatabasesModule.Affected(dbs, Vault("workload", 5, ("main-database-url", "postgres://x:y@h/postgres")), digests).Count().ShouldBe(2, "the workload secret is everyone's");
        DatabasesModule.Affected(dbs, Vault("unrelated", 6, ("pub", "z")), digests).ShouldBeEmpty();
    }
}
