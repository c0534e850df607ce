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

    protected override Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
    {
        var w = context.Workload;
        var server = AdminDatabase.Url(context)
            ?? throw new StepFailedException($"control room {context.ControlRoom.Name} names no PostgreSQL server for the workloads' databases: set spec.postgres in {Targets.TargetError.DisplayPath(context.ControlRoom.Source.File)}");
        var host = server.Server;
        IReadOnlyList<DesiredObject> desired =
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
                    WorkloadSecret = new SecretConfig { VaultName = Names.WorkloadSecret(w), Type = "kubernetes" },
                    Teardown = new PostgresDatabaseTeardown { Drop = w.RetentionPolicy == "Delete" },
                },
            }, WaitReady: true)),
        ];
        return Task.FromResult(desired);
    }

    protected override async Task<PostgresConfigOutputs> OutputsAsync(StepContext context, CancellationToken cancellationToken)
    {
        var list = new List<DatabaseOutput>();
        foreach (var d in await DesiredAsync(context, cancellationToken).ConfigureAwait(false))
        {
            var live = await context.ControlPlane.GetAsync<PostgresDatabase>(d.Object.Metadata.NamespaceProperty, d.Object.Metadata.Name, cancellationToken).ConfigureAwait(false);
            if (live is not null) list.Add(new DatabaseOutput(live.Metadata.Name, live.Spec.Url ?? "", live.Spec.Secret?.VaultName ?? ""));
        }
        return new PostgresConfigOutputs(list);
    }
}
