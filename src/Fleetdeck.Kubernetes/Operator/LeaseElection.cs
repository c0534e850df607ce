using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;
using Fleetdeck.Kubernetes.Store;

namespace Fleetdeck.Kubernetes.Operator;

/// <summary>
/// Leader election with KubernetesClient's <see cref="LeaderElector"/> over a <see cref="LeaseLock"/>: campaigns, runs
/// the leader's work for as long as the Lease is renewed, stops it when renewal fails for the renew deadline, and
/// campaigns again. A candidate takes a Lease only after it has seen it unchanged for the lease duration, measured on its
/// own clock, so clock skew between replicas does not matter. On a clean shutdown the Lease is released (holder set empty,
/// as client-go does) so that a standby takes over at once rather than after the lease duration.
/// </summary>
internal sealed class LeaseElection(KubeConnection connection, OperatorOptions options, ILogger logger)
{
    private volatile bool _leading;

    public bool IsLeader => _leading;

    /// <summary>The holder last seen in the Lease.</summary>
    public string? Leader { get; private set; }

    public event Action<bool>? LeadershipChanged;

    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        var config = new LeaderElectionConfig(new LeaseLock(connection.Client, options.LeaseNamespace, options.LeaseName, options.Identity))
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        };
        logger.LogInformation("{Identity} campaigning for the lease {Namespace}/{Lease}", options.Identity, options.LeaseNamespace, options.LeaseName);
        while (!cancellationToken.IsCancellationRequested)
        {
            using var elector = new LeaderElector(config);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var term = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task? work = null;
            Exception? failure = null;
            elector.OnStartedLeading += () =>
            {
                logger.LogInformation("{Identity} became leader ({Namespace}/{Lease})", options.Identity, options.LeaseNamespace, options.LeaseName);
                Set(true);
                work = Task.Run(() => lead(term.Token), CancellationToken.None);
                // The leader's work ending while it still leads is a failure: stop holding a Lease for work nobody does.
                work.ContinueWith(t =>
                {
                    if (term.IsCancellationRequested) return;
                    failure = t.Exception?.GetBaseException() ?? new InvalidOperationException("the controllers stopped while this process was the leader");
                    stop.Cancel();
                }, TaskScheduler.Default);
            };
            elector.OnStoppedLeading += () =>
            {
                Set(false);
                term.Cancel();
            };
            elector.OnNewLeader += leader =>
            {
                Leader = leader;
                if (leader != options.Identity) logger.LogInformation("The leader is {Leader}", leader);
            };
            elector.OnError += e => logger.LogWarning("Leader election: {Message}", e?.Message);
            try
            {
                await elector.RunUntilLeadershipLostAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // shutting down, or the leader's work failed
            }
            catch (Exception e)
            {
                // The client's elector lets errors other than HTTP statuses out (a refused connection): campaign again.
                logger.LogWarning("Leader election failed: {Message}; campaigning again", e.Message);
            }
            finally
            {
                Set(false);
                await term.CancelAsync().ConfigureAwait(false);
                if (work is not null)
                {
                    try
                    {
                        await work.ConfigureAwait(false);
                    }
                    catch (Exception e) when (failure is not null || e is OperationCanceledException)
                    {
                        // reported below, or the ordinary end of a term
                    }
                }
            }
            if (failure is not null || cancellationToken.IsCancellationRequested)
            {
                if (work is not null) await ReleaseAsync().ConfigureAwait(false);
                if (failure is not null) throw new OperatorException($"the controllers failed while leading: {failure.Message}");
                return;
            }
            if (work is not null) logger.LogWarning("{Identity} lost the lease {Namespace}/{Lease}; reconciling stopped", options.Identity, options.LeaseNamespace, options.LeaseName);
            try
            {
                await Task.Delay(options.RetryPeriod, options.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Set(bool leading)
    {
        if (_leading == leading) return;
        _leading = leading;
        LeadershipChanged?.Invoke(leading);
    }

    /// <summary>
    /// Gives the Lease up if this process still holds it. A conflict means the Lease changed between read and write (a
    /// last renewal landing late): read it again, and give it up if it is still ours.
    /// </summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var lease = await connection.Client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, options.LeaseNamespace, cancellationToken: timeout.Token).ConfigureAwait(false);
                if (lease.Spec?.HolderIdentity != options.Identity) return;
                // An empty holder (not a missing one) is what the client's elector treats as free to take at once.
                lease.Spec.HolderIdentity = "";
                lease.Spec.LeaseDurationSeconds = 1;
                await connection.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.LeaseNamespace, cancellationToken: timeout.Token).ConfigureAwait(false);
                logger.LogInformation("{Identity} released the lease {Namespace}/{Lease}", options.Identity, options.LeaseNamespace, options.LeaseName);
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 5)
            {
                // changed under us: look again
            }
            catch (Exception e)
            {
                logger.LogWarning("Releasing the lease failed ({Message}); a standby takes over once it expires", e.Message);
                return;
            }
        }
    }
}
