using k8s.Models;
using Fleetdeck.Core.Store;
using Fleetdeck.Fleet.Engine;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Fleet.Steps.Workload;

/// <summary>
/// <c>postgres_config</c>: the workload's databases and roles as <c>PostgresDatabase</c> objects (its own database and each
/// extra one), provisioned by the database provisioner with the admin URL from the workload secret, and waited on until
/// Ready. Deleting one keeps the database unless the retention policy is Delete (then it is dropped).
/// </summary>
internal sealed class PostgresConfigStep : ObjectStep<PostgresConfigOutputs>
{
    public override string Name => StepNames.PostgresConfig;

    public override string Description => "databases and roles";

    private const string Pending = "pending.claim.invalid";

    protected override IReadOnlyList<string> Notes(StepContext context) =>
        context.Workload.Infrastructure == "claims" && _pending is { } why ? [$"{why}: the databases' server is known once it is; host shown as {Pending}"] : [];

    private string? _pending;

    protected override async Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        var w = context.Workload;
        var desired = new List<DesiredObject>();
        string host;
        _pending = null;
        if (w.Infrastructure == "claims")
        {
            // The admin connection comes from the claim the engine fulfilled; a secret of its own carries it, as the workload secret does locally.
            var (url, _, why) = await ClaimDatabase.AdminUrlAsync(context, cancellationToken).ConfigureAwait(false);
            if (url is null)
            {
                if (!context.Planning) throw new StepFailedException($"{why}: run the persistent step first, or wait for the infrastructure engine");
                _pending = why;
                host = Pending;
            }
            else
            {
                host = Fleetdeck.Databases.Admin.PostgresUrl.Parse(url).Server;
                desired.Add(new DesiredObject(context.ControlPlane, new V1Secret
                {
                    ApiVersion = "v1",
                    Kind = "Secret",
                    Metadata = new V1ObjectMeta { Name = Names.DatabaseUrlSecret(w), NamespaceProperty = w.Namespace, Labels = Names.Labels(w) },
                    Type = "Opaque",
                    Data = new Dictionary<string, byte[]> { [BootstrapStep.DatabaseUrlKey] = System.Text.Encoding.UTF8.GetBytes(url) },
                }));
            }
        }
        else
        {
            var server = AdminDatabase.Url(context)
                ?? throw new StepFailedException($"control room {context.ControlRoom.Name} names no PostgreSQL server for the workloads' databases: set spec.postgres in {Targets.TargetError.DisplayPath(context.ControlRoom.Source.File)}");
            host = server.Server;
        }
        desired.AddRange(
        [
            .. new string?[] { null }.Concat(w.ExtraDatabases).Select(extra => new DesiredObject(context.ControlPlane, new PostgresDatabase
            {
                ApiVersion = "core.posit.team/v1beta1",
                Kind = "PostgresDatabase",
                Metadata = new V1ObjectMeta { Name = Names.DatabaseObject(w, extra), NamespaceProperty = w.Namespace, Labels = Names.Labels(w) },
                Spec = new PostgresDatabaseSpec
                {
                    Url = $"postgres://{Names.Database(w, extra)}@{host}/{Names.Database(w, extra)}",
                    SecretVault = Names.PasswordSecret(w, extra),
                    SecretPasswordKey = "password",
                    Secret = new SecretConfig { VaultName = Names.PasswordSecret(w, extra), Type = "kubernetes" },
                    WorkloadSecret = new SecretConfig { VaultName = Names.DatabaseUrlSecret(w), Type = "kubernetes" },
                    Teardown = new PostgresDatabaseTeardown { Drop = w.RetentionPolicy == "Delete" },
                },
            }, WaitReady: true)),
        ]);
        return desired;
    }

    protected override async Task<PostgresConfigOutputs> OutputsAsync(StepContext context, CancellationToken cancellationToken)
    {
        var list = new List<DatabaseOutput>();
        foreach (var d in (await DesiredAsync(context, cancellationToken).ConfigureAwait(false)).Where(d => d.Object is PostgresDatabase))
        {
            var live = await context.ControlPlane.GetAsync<PostgresDatabase>(d.Object.Metadata.NamespaceProperty, d.Object.Metadata.Name, cancellationToken).ConfigureAwait(false);
            if (live is not null) list.Add(new DatabaseOutput(live.Metadata.Name, live.Spec.Url ?? "", live.Spec.Secret?.VaultName ?? ""));
        }
        return new PostgresConfigOutputs(list);
    }
}
