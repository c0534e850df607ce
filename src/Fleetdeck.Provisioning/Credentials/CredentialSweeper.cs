using Microsoft.Extensions.Logging;
using Npgsql;
using Fleetdeck.Provisioning;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Infrastructure;

namespace Fleetdeck.Provisioning.Credentials;

/// <summary>
/// Drops brokered roles whose <c>VALID UNTIL</c> has passed (their sessions are ended first), on every org whose database
/// is reachable. Runs every <see cref="CredentialOptions.SweepInterval"/>; one failing org does not stop the sweep.
/// </summary>
public sealed class CredentialSweeper(IObjectStore store, IInfraProvisioner infra, TimeProvider time, CredentialOptions options, ILogger logger, ProvisioningMetrics? metrics = null)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.SweepInterval, time, cancellationToken).ConfigureAwait(false);
                await SweepAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Credential sweep failed: {Message}", e.Message);
            }
        }
    }

    /// <summary>One sweep; returns how many roles were dropped.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var dropped = 0;
        var now = time.GetUtcNow();
        foreach (var org in await store.ListAsync<Org>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (OrgStates.Of(org) is OrgStates.Deleted or OrgStates.Pending) continue;
            try
            {
                if (await infra.GetDatabaseAccessAsync(org, cancellationToken).ConfigureAwait(false) is not { } access) continue;
                var admin = new NpgsqlConnectionStringBuilder(access.Admin);
                IReadOnlyList<string> expired;
                await using (var connection = await LocalInfraProvisioner.OpenAsync(admin, admin.Database ?? "postgres", cancellationToken).ConfigureAwait(false))
                    expired = await BrokeredRoles.ListAsync(connection, access.RoleName, now, cancellationToken).ConfigureAwait(false);
                if (expired.Count == 0) continue;
                var count = await BrokeredRoles.DropAsync(admin, access.RoleName, access.Database, expired, logger, cancellationToken).ConfigureAwait(false);
                dropped += count;
                metrics?.CredentialsSwept.Inc(count);
                logger.LogInformation("Org {Org}: swept {Count} expired credentials", org.Id, count);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Org {Org}: credential sweep failed: {Category}", org.Id, SafeMessages.ForDatabaseError(e));
            }
        }
        return dropped;
    }
}
