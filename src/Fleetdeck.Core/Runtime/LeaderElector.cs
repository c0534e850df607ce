using k8s.Models;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Core.Runtime;

/// <summary>
/// Leader election over a <c>coordination.k8s.io/v1 Lease</c> in the store, as client-go does it: a lease is taken
/// when it is free or its holder has not renewed it within the lease duration, measured on this process's own clock
/// from when the lease was last seen to change (so clock skew between candidates does not matter). Every write is
/// compare-and-swap, so two candidates can never both hold it.
/// </summary>
public sealed class LeaderElector(IObjectStore store, LeaderElectionOptions options, TimeProvider time, ILogger logger, RuntimeMetrics? metrics = null)
{
    private string? _observedVersion;
    private DateTimeOffset _observedAt;

    public bool IsLeader { get; private set; }

    /// <summary>Campaigns until leading, runs <paramref name="lead"/> while leading, and campaigns again if the lease is lost.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(options.RetryPeriod, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            logger.LogInformation("{Identity} became leader ({Namespace}/{Lease})", options.Identity, options.Namespace, options.LeaseName);
            SetLeader(true);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var work = Task.Run(() => lead(leading.Token), CancellationToken.None);
            try
            {
                await RenewLoopAsync(leading, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await leading.CancelAsync().ConfigureAwait(false);
                try
                {
                    await work.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // the leader's work stops when leadership ends
                }
                SetLeader(false);
            }
            if (cancellationToken.IsCancellationRequested) await ReleaseAsync().ConfigureAwait(false);
            else logger.LogWarning("{Identity} lost the lease {Namespace}/{Lease}", options.Identity, options.Namespace, options.LeaseName);
        }
    }

    private async Task RenewLoopAsync(CancellationTokenSource leading, CancellationToken cancellationToken)
    {
        var lastRenew = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested && !leading.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.RetryPeriod, time, leading.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            bool renewed;
            try
            {
                renewed = await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Renewing the lease failed: {Message}", e.Message);
                renewed = false;
            }
            if (renewed) lastRenew = time.GetUtcNow();
            else if (time.GetUtcNow() - lastRenew > options.RenewDeadline) return;
        }
    }

    /// <summary>One attempt to take or keep the lease; true while this process holds it.</summary>
    public async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = await store.GetAsync<V1Lease>(options.Namespace, options.LeaseName, cancellationToken).ConfigureAwait(false);
        try
        {
            if (lease is null)
            {
                await EnsureNamespaceAsync(cancellationToken).ConfigureAwait(false);
                lease = new V1Lease
                {
                    Metadata = new V1ObjectMeta { Name = options.LeaseName, NamespaceProperty = options.Namespace },
                    Spec = new V1LeaseSpec
                    {
                        HolderIdentity = options.Identity,
                        LeaseDurationSeconds = (int)options.LeaseDuration.TotalSeconds,
                        AcquireTime = now.UtcDateTime,
                        RenewTime = now.UtcDateTime,
                        LeaseTransitions = 0,
                    },
                };
                Observe(await store.CreateAsync(lease, cancellationToken).ConfigureAwait(false), now);
                return true;
            }

            if (lease.Metadata.ResourceVersion != _observedVersion) Observe(lease, now);
            var spec = lease.Spec ??= new V1LeaseSpec();
            var held = !string.IsNullOrEmpty(spec.HolderIdentity) && spec.HolderIdentity != options.Identity;
            var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)options.LeaseDuration.TotalSeconds);
            if (held && _observedAt + duration > now) return false;

            if (spec.HolderIdentity != options.Identity)
            {
                spec.HolderIdentity = options.Identity;
                spec.AcquireTime = now.UtcDateTime;
                spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1;
            }
            spec.LeaseDurationSeconds = (int)options.LeaseDuration.TotalSeconds;
            spec.RenewTime = now.UtcDateTime;
            Observe(await store.UpdateAsync(lease, cancellationToken).ConfigureAwait(false), now);
            return true;
        }
        catch (StoreException e) when (e is ConflictException or AlreadyExistsException)
        {
            return false; // another candidate wrote first
        }
    }

    private void Observe(V1Lease lease, DateTimeOffset now)
    {
        _observedVersion = lease.Metadata.ResourceVersion;
        _observedAt = now;
    }

    private async Task EnsureNamespaceAsync(CancellationToken cancellationToken)
    {
        if (await store.GetAsync<V1Namespace>(null, options.Namespace, cancellationToken).ConfigureAwait(false) is not null) return;
        try
        {
            await store.CreateAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = options.Namespace } }, cancellationToken).ConfigureAwait(false);
        }
        catch (AlreadyExistsException)
        {
            // created by another candidate
        }
    }

    /// <summary>Gives the lease up on a clean shutdown, so a successor need not wait out the lease duration.</summary>
    private async Task ReleaseAsync()
    {
        try
        {
            await store.MutateAsync<V1Lease>(options.Namespace, options.LeaseName, lease =>
            {
                if (lease.Spec?.HolderIdentity != options.Identity) return false;
                lease.Spec.HolderIdentity = null;
                lease.Spec.RenewTime = null;
                return true;
            }, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning("Releasing the lease failed: {Message}", e.Message);
        }
    }

    private void SetLeader(bool leading)
    {
        IsLeader = leading;
        metrics?.IsLeader.WithLabels($"{options.Namespace}/{options.LeaseName}").Set(leading ? 1 : 0);
    }
}
