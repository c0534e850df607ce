using k8s.Models;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Clusters;
using Fleetdeck.Rollouts.Collection;
using Fleetdeck.Rollouts.Metrics;
using Fleetdeck.Rollouts.Routing;
using Fleetdeck.Rollouts.Slo;
using Fleetdeck.Rollouts.StateMachine;
using Fleetdeck.Rollouts.Traffic;

namespace Fleetdeck.Rollouts.Controllers;

/// <summary>
/// One tick of one app on one target: observe the fleet's clusters, fail revisions whose SLO alerts fire, run every
/// incarnation's state machine and its side effects, compute the weights, route them in every cluster, collect
/// garbage, and record it all in the ReleaseManager's status (written only when it changed).
/// </summary>
internal sealed class ReleaseManagerReconciler(ControllerContext context, RolloutOptions options, ClusterClients clients, IAlertSource alerts, RolloutMetrics metrics, AppliedObjects memo)
    : IReconciler, IFinalizer
{
    public const string FinalizerName = RolloutsGroup.Name + "/releasemanager";
    private const int MaxTransitionsPerTick = 8;

    private readonly ILogger _log = context.Loggers.CreateLogger("Fleetdeck.Rollouts.ReleaseManager");

    public string Name => FinalizerName;

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var rm = await context.Store.GetAsync<ReleaseManager>(key.Namespace, key.Name, cancellationToken).ConfigureAwait(false);
        if (rm is null)
        {
            metrics.Record(key.ToString(), "", "", null);
            return ReconcileResult.Done;
        }
        var outcome = await Finalizers.HandleAsync(context.Store, rm, this, cancellationToken).ConfigureAwait(false);
        if (outcome.Stop)
        {
            metrics.Record(key.ToString(), "", "", null);
            return outcome.Result?.RetryAfter is { } retry ? ReconcileResult.After(retry) : ReconcileResult.Done;
        }
        rm = outcome.Object!;
        var app = rm.Spec.App ?? "";
        var target = rm.Spec.Target ?? "";
        var ns = ReleaseManager.NameFor(app, target);
        var now = context.Time.GetUtcNow();
        var conditions = new List<(string Type, bool Ok, string Reason, string Message)>();

        var clusters = Clusters(rm.Spec.Fleet);
        var reports = await clusters.ObserveAsync(ns, app, target, cancellationToken).ConfigureAwait(false);

        var revisions = context.Cache.List<Revision>(context.Kinds, key.Namespace, LabelSelector.Equal(RolloutsGroup.AppLabel, app))
            .Where(r => r.Spec.App.Name == app && r.Target(target) is not null && r.Spec.App.Tag is not null)
            .GroupBy(r => r.Spec.App.Tag!).Select(g => g.First())
            .ToDictionary(r => r.Spec.App.Tag!, StringComparer.Ordinal);
        var incarnations = BuildIncarnations(rm, revisions, target, reports, now);

        // No incarnation has a Revision any more: the app is gone from this target.
        if (incarnations.Count > 0 && incarnations.All(i => !i.HasRevision) || incarnations.Count == 0 && rm.Status.Revisions.Count > 0)
        {
            await context.Store.DeleteAsync<ReleaseManager>(key.Namespace, key.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var alertsOk = await GateOnAlertsAsync(rm, app, target, incarnations, conditions, cancellationToken).ConfigureAwait(false);

        foreach (var inc in incarnations.OrderByDescending(i => i.GitTimestamp).ThenByDescending(i => i.Tag, StringComparer.Ordinal))
            await TickAsync(inc, clusters, ns, target, conditions, cancellationToken).ConfigureAwait(false);

        ApplyWeights(rm, incarnations, reports, now, paused: rm.Paused || !alertsOk, conditions);
        await RouteAsync(incarnations, clusters, reports, app, target, rm.Spec.Fleet ?? "", ns, cancellationToken).ConfigureAwait(false);
        await CollectAsync(incarnations, target, now, cancellationToken).ConfigureAwait(false);
        Recommission(incarnations);

        var changed = WriteStatus(rm, incarnations, clusters, reports, conditions, now);
        // Written straight away: WriteStatus compared it with what this tick read, and a stale read is a conflict and a retry.
        if (changed) rm = await context.Store.UpdateStatusAsync(rm, cancellationToken).ConfigureAwait(false);
        metrics.Record(key.ToString(), app, target, [.. incarnations.Select(i => (i.Tag, i.Status.State.Current, i.Status.CurrentPercent))]);
        return ReconcileResult.After(NextTick(incarnations, now, progressed: changed && clusters.Errors.Count == 0));
    }

    private ClusterSet Clusters(string? fleet)
    {
        var entries = new List<(Cluster, IObjectStore?, string?)>();
        foreach (var cluster in context.Cache.List<Cluster>(context.Kinds).Where(c => c.Fleet == fleet && c.Spec.Enabled))
        {
            try
            {
                V1Secret? secret = cluster.Spec.KubeconfigSecret is { } name
                    ? context.Cache.Get<V1Secret>(context.Kinds, cluster.Metadata.NamespaceProperty, name)
                    : null;
                entries.Add((cluster, clients.Get(cluster, secret), null));
            }
            catch (ClusterUnreachableException e)
            {
                entries.Add((cluster, null, e.Message));
            }
        }
        return new ClusterSet(entries, options.ClusterTimeout);
    }

    private List<Incarnation> BuildIncarnations(ReleaseManager rm, Dictionary<string, Revision> revisions, string target, IReadOnlyList<ClusterReport> reports, DateTimeOffset now)
    {
        var entries = rm.Status.Revisions.ToDictionary(e => e.Tag, StringComparer.Ordinal);
        var result = new List<Incarnation>();
        foreach (var tag in revisions.Keys.Union(entries.Keys).Order(StringComparer.Ordinal))
        {
            revisions.TryGetValue(tag, out var revision);
            var t = revision?.Target(target);
            var status = entries.TryGetValue(tag, out var existing) ? ObjectJson.Clone(existing) : new IncarnationStatus
            {
                Tag = tag,
                State = new IncarnationStateStatus { Current = IncarnationState.Created.Name(), LastUpdated = now.UtcDateTime },
            };
            if (revision is not null)
            {
                status.GitTimestamp = revision.GitTimestamp.UtcDateTime;
                status.RevisionTimestamp = revision.Metadata.CreationTimestamp ?? now.UtcDateTime;
                status.Deleted = false;
                if (status.State.Current is "created" or "deploying" && t is not null)
                {
                    var settings = ReleaseSettings.From(t.Release);
                    status.ReleaseEligible = settings.Eligible;
                    status.Ttl = (long)settings.Ttl.TotalSeconds;
                }
            }
            else
            {
                status.Deleted = true;
            }
            // Scale: pods of this tag across the live clusters, and what they should have.
            var live = reports.Where(r => r.Live).ToList();
            var current = 0;
            var desired = 0;
            var perCluster = new List<IncarnationClusterStatus>();
            foreach (var report in reports)
            {
                report.Tags.TryGetValue(tag, out var rs);
                if (report.Live)
                {
                    current += rs?.Ready ?? 0;
                    desired += t is null ? rs?.Desired ?? 0 : WorkloadPlan.Replicas(t.Scale ?? new ScaleSpec(), live.Count, report.ScalingFactor);
                }
                perCluster.Add(new IncarnationClusterStatus
                {
                    Name = report.Name,
                    Desired = rs?.Desired ?? 0,
                    Ready = rs?.Ready ?? 0,
                    Weight = status.Clusters?.FirstOrDefault(c => c.Name == report.Name)?.Weight ?? 0,
                });
            }
            status.Scale = new ScaleStatus { Current = current, Desired = desired, Peak = Math.Max(status.Scale.Peak, current) };
            status.Clusters = perCluster;
            result.Add(new Incarnation(revision, t, status, reports, options.Schedule, now, rm.PromotedTag == tag));
        }
        return result;
    }

    /// <summary>
    /// Fails a revision whose SLO alerts fire while its acceptance target has peaked below the acceptance percent, in
    /// this very tick (its traffic goes back below). Returns false when the alerts could not be read: then no
    /// incarnation gains traffic until they can.
    /// </summary>
    private async Task<bool> GateOnAlertsAsync(ReleaseManager rm, string app, string target, List<Incarnation> incarnations,
        List<(string, bool, string, string)> conditions, CancellationToken cancellationToken)
    {
        var candidates = incarnations.Where(i => i.HasRevision && !i.MarkedAsFailed && !i.Revision!.Spec.IgnoreSLOs
            && i.State is not (IncarnationState.Retired or IncarnationState.Failed or IncarnationState.Deleted)).ToList();
        if (candidates.Count == 0)
        {
            conditions.Add(("AlertsAvailable", true, "NothingToWatch", ""));
            return true;
        }
        var firing = new Dictionary<bool, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        try
        {
            foreach (var canariesOnly in candidates.Select(c => c.Revision!.Spec.CanaryWithSLIRules).Distinct())
                firing[canariesOnly] = await alerts.FiringAsync(app, canariesOnly, cancellationToken).ConfigureAwait(false);
        }
        catch (AlertSourceException e)
        {
            conditions.Add(("AlertsAvailable", false, "AlertSourceError", $"{e.Message}; traffic increases are held until alerts can be read"));
            return false;
        }
        conditions.Add(("AlertsAvailable", true, "Queried", ""));
        foreach (var inc in candidates)
        {
            if (!firing[inc.Revision!.Spec.CanaryWithSLIRules].TryGetValue(inc.Tag, out var names) || names.Count == 0) continue;
            var peak = AcceptancePeak(inc.Revision, target, inc);
            inc.Status.TriggeredAlerts = [.. names];
            if (peak >= options.AcceptancePercent) continue; // accepted: past half the traffic, alerts are the app's, not the release's
            inc.FailedThisTick = true;
            var reason = $"SLO alerts firing: {string.Join(", ", names)}";
            await FailRevisionAsync(inc.Revision, reason, cancellationToken).ConfigureAwait(false);
            _log.LogWarning("Revision {Revision} ({App} {Tag}) failed on target {Target}: {Reason}", inc.Revision.Metadata.Name, app, inc.Tag, target, reason);
        }
        return true;
    }

    /// <summary>The peak of the acceptance target (else the first whose name contains "production", else this one).</summary>
    private int AcceptancePeak(Revision revision, string target, Incarnation self)
    {
        var acceptance = revision.Spec.Targets.FirstOrDefault(t => t.AcceptanceTarget)
            ?? revision.Spec.Targets.FirstOrDefault(t => t.Name?.Contains("production", StringComparison.Ordinal) == true);
        if (acceptance?.Name is null || acceptance.Name == target) return self.PeakPercent;
        var other = context.Cache.Get<ReleaseManager>(context.Kinds, revision.Metadata.NamespaceProperty, ReleaseManager.NameFor(revision.Spec.App.Name!, acceptance.Name));
        return other?.Status.Revisions.FirstOrDefault(r => r.Tag == self.Tag)?.PeakPercent ?? 0;
    }

    private async Task FailRevisionAsync(Revision revision, string reason, CancellationToken cancellationToken)
    {
        var at = context.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        await context.Store.MutateAsync<Revision>(revision.Metadata.NamespaceProperty, revision.Metadata.Name, r =>
        {
            if (r.Spec.Failed) return false;
            r.Spec.Failed = true;
            r.Metadata.Annotations ??= new Dictionary<string, string>();
            r.Metadata.Annotations[RolloutsGroup.FailedAtAnnotation] = at;
            r.Metadata.Annotations[RolloutsGroup.FailedReasonAnnotation] = reason;
            return true;
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one incarnation's state machine until it settles (bounded), performing each step's side effects.</summary>
    private async Task TickAsync(Incarnation inc, ClusterSet clusters, string ns, string target, List<(string, bool, string, string)> conditions, CancellationToken cancellationToken)
    {
        var done = new HashSet<SideEffect>();
        for (var step = 0; step < MaxTransitionsPerTick; step++)
        {
            var transition = IncarnationStateMachine.Tick(inc.Status.State.Current, inc);
            if (transition.IsError)
            {
                conditions.Add(("StateMachine", false, "UnknownState", $"{inc.Tag}: {transition.Error}"));
                return;
            }
            var ok = true;
            foreach (var effect in transition.Effects)
            {
                if (!done.Add(effect)) continue;
                ok &= await PerformAsync(effect, inc, clusters, ns, target, cancellationToken).ConfigureAwait(false);
            }
            // A side effect that failed in a live cluster keeps the state: the next tick tries again.
            if (!ok && clusters.Errors.Keys.Any(name => clusters.Live.Any(c => c.Metadata.Name == name))) return;
            var next = transition.Next!.Value;
            if (next.Name() == inc.Status.State.Current) return;
            var before = inc.State;
            inc.SetState(next);
            // A canary ends at 0% before its release starts from 0, so canaried lasts at least one tick.
            if (next == IncarnationState.Canaried) return;
            _log.LogInformation("{Tag} on {Target}: {From} -> {To}", inc.Tag, target, before.Name(), next.Name());
            if (next == IncarnationState.Deployed && inc.Status.RevisionTimestamp is { } created)
                metrics.Deployed(target, inc.Now - Incarnation.At(created));
            if (next == IncarnationState.Released && inc.Status.RevisionTimestamp is { } created2)
                metrics.Released(target, inc.Now - Incarnation.At(created2));
            if (next == IncarnationState.TimingOut && inc.HasRevision && !inc.MarkedAsFailed)
            {
                inc.FailedThisTick = true;
                await FailRevisionAsync(inc.Revision!, "timing out", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> PerformAsync(SideEffect effect, Incarnation inc, ClusterSet clusters, string ns, string target, CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case SideEffect.Sync or SideEffect.Retire when inc.Revision is not null && inc.Target is not null:
                var retired = effect == SideEffect.Retire;
                var live = Math.Max(1, clusters.Live.Count);
                return await clusters.ApplyAsync(async (store, applier, cluster, ct) =>
                {
                    // The workload is rendered from the Revision's spec (uid and generation), the target, and the cluster's share.
                    var fingerprint = $"{inc.Revision.Metadata.Uid}/{inc.Revision.Metadata.Generation}/{inc.Target.Name}/{live}/{cluster.ScalingFactor:R}/{retired}";
                    if (memo.PlanIsCurrent(store, ns, "tag/" + inc.Tag, fingerprint)) return;
                    var objects = WorkloadPlan.Render(inc.Revision, inc.Target, ns, live, cluster.ScalingFactor, retired);
                    await ClusterSet.ApplyAllAsync(store, applier, ns, objects, ct, memo).ConfigureAwait(false);
                    memo.PlanApplied(store, ns, "tag/" + inc.Tag, fingerprint);
                    if (retired && store.Kinds.Find(typeof(V2HorizontalPodAutoscaler)) is { } hpa && await applier.DeleteAsync(hpa, ns, inc.Tag, ct).ConfigureAwait(false))
                        memo.ForgetNamespace(store, ns);
                }, cancellationToken).ConfigureAwait(false);
            case SideEffect.Delete:
                return await clusters.ApplyAsync((store, applier, _, ct) =>
                {
                    memo.ForgetNamespace(store, ns);
                    return ClusterSet.DeleteTagAsync(store, applier, ns, inc.Tag, ct);
                }, cancellationToken).ConfigureAwait(false);
            case SideEffect.SyncCanaryRules when inc.Revision is not null && inc.Target is not null:
                var rule = SloRules.CanaryRules(inc.Revision.Spec.App.Name!, inc.Tag, ns, inc.Target.ServiceLevelObjectives ?? []);
                if (rule is null) return true;
                rule.Metadata.Labels[RolloutsGroup.TargetLabel] = target;
                return await clusters.ApplyAsync((store, applier, _, ct) => ClusterSet.ApplyAllAsync(store, applier, ns, [ObjectJson.Clone(rule)], ct, memo), cancellationToken).ConfigureAwait(false);
            case SideEffect.DeleteCanaryRules:
                var app = inc.Revision?.Spec.App.Name ?? ns[..Math.Max(0, ns.Length - target.Length - 1)];
                return await clusters.ApplyAsync(async (store, applier, _, ct) =>
                {
                    memo.ForgetNamespace(store, ns);
                    await applier.DeleteAsync(store.Kinds.Get<PrometheusRule>(), ns, SloRules.CanaryRuleName(app, inc.Tag), ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            default:
                // DeleteTaggedServiceLevels: the engine writes no per-tag service levels (no Sloth), so there is nothing to delete.
                return true;
        }
    }

    private void ApplyWeights(ReleaseManager rm, List<Incarnation> incarnations, IReadOnlyList<ClusterReport> reports, DateTimeOffset now, bool paused,
        List<(string, bool, string, string)> conditions)
    {
        // The gate counts the clusters that answered: one unreachable cluster must not hold the others back.
        var factors = reports.Where(r => r.Live && r.Reachable).Select(r => r.ScalingFactor).ToList();
        var liveCount = reports.Count(r => r.Live);
        var byTag = incarnations.ToDictionary(i => i.Tag, StringComparer.Ordinal);
        var result = TrafficWeights.Compute([.. incarnations.Select(i => i.ToTraffic())], now, (t, p) =>
        {
            var self = byTag[t.Tag];
            var scale = self.Target?.Scale ?? new ScaleSpec();
            var gate = new RampGate(self.Status.Scale.Current, scale.Min, scale.Default ?? 1, scale.Max ?? scale.Default ?? 1, scale.HasAutoscaler,
                [.. incarnations.Where(o => o.Tag != t.Tag).Select(o => new GateOther(o.Status.Scale.Current, o.Status.CurrentPercent, o.Status.PeakPercent))], factors, liveCount);
            return gate.CanRampTo(p);
        }, paused);
        if (result.Error is not null)
        {
            conditions.Add(("Traffic", false, "ImpossibleWeights", result.Error));
            return;
        }
        conditions.Add(("Traffic", true, paused ? (rm.Paused ? "Paused" : "AlertsUnavailable") : "Computed", paused && rm.Paused ? "traffic increases are paused (rollout resume)" : ""));
        foreach (var weight in result.Weights)
        {
            var inc = byTag[weight.Tag];
            if (weight.Percent > 0 && inc.State == IncarnationState.Canarying) inc.Status.CanaryStartTimestamp ??= now.UtcDateTime;
            inc.Status.CurrentPercent = weight.Percent;
            inc.Status.PeakPercent = weight.PeakPercent;
            inc.Status.PercentUpdated = weight.PercentUpdated?.UtcDateTime;
            if (weight.ReleaseEligibleRevoked) inc.Status.ReleaseEligible = false;
        }
    }

    private async Task RouteAsync(List<Incarnation> incarnations, ClusterSet clusters, IReadOnlyList<ClusterReport> reports, string app, string target, string fleet, string ns,
        CancellationToken cancellationToken)
    {
        var newest = incarnations.Where(i => i.HasRevision).OrderByDescending(i => i.GitTimestamp).FirstOrDefault();
        if (newest is null) return;
        var ports = newest.Revision!.Spec.Ports is { Count: > 0 } p ? p : [new PortSpec { Name = "http", Port = 80, ContainerPort = 80, Protocol = "TCP", Mode = "private", Default = true }];
        var header = newest.Revision.Spec.TagRoutingHeader;
        var releasable = incarnations.Where(i => i.HasRevision && i.State is IncarnationState.Releasing or IncarnationState.Released).OrderByDescending(i => i.GitTimestamp).FirstOrDefault();
        var slos = (releasable ?? newest).Target?.ServiceLevelObjectives ?? [];
        var recording = SloRules.RecordingRules(app, ns, slos);
        if (recording is not null) recording.Metadata.Labels[RolloutsGroup.TargetLabel] = target;

        var routed = incarnations.Where(i => i.HasRevision || i.Status.CurrentPercent > 0).ToList();
        await clusters.ApplyAsync(async (store, applier, cluster, ct) =>
        {
            var report = reports.FirstOrDefault(r => r.Name == cluster.Metadata.Name);
            var tags = routed.Where(i => report?.Tags.ContainsKey(i.Tag) == true || i.Status.CurrentPercent > 0)
                .Select(i => new RoutedTag(i.Tag, cluster.IsLive ? i.Status.CurrentPercent : 0,
                    i.State is not (IncarnationState.Canaried or IncarnationState.PendingRelease or IncarnationState.Retired or IncarnationState.Failed)))
                .ToList();
            // Routing is rendered from the newest Revision (ports, header), the releasable one (SLOs), the cluster's ingresses and the tags.
            var fingerprint = $"{app}/{target}/{fleet}/{Identity(newest.Revision)}/{Identity(releasable?.Revision)}/{Identity(cluster)}/"
                + string.Join(";", tags.Select(t => $"{t.Tag}={t.Weight}:{t.Routable}"));
            if (!memo.PlanIsCurrent(store, ns, "routing", fingerprint))
            {
                var routing = AppRouting.Render(app, target, fleet, ns, ports, tags, cluster.Spec.Ingresses ?? new ClusterIngresses(), header);
                var objects = new List<k8s.IKubernetesObject<V1ObjectMeta>> { routing.Service, routing.DestinationRule, routing.VirtualService };
                if (recording is not null) objects.Add(ObjectJson.Clone(recording));
                await ClusterSet.ApplyAllAsync(store, applier, ns, objects, ct, memo).ConfigureAwait(false);
                memo.PlanApplied(store, ns, "routing", fingerprint);
            }
            foreach (var inc in incarnations)
                if (inc.Status.Clusters?.FirstOrDefault(c => c.Name == cluster.Metadata.Name) is { } entry)
                    entry.Weight = tags.FirstOrDefault(t => t.Tag == inc.Tag)?.Weight ?? 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string Identity(k8s.IKubernetesObject<V1ObjectMeta>? obj) => obj is null ? "-" : $"{obj.Metadata.Uid}@{obj.Metadata.Generation}";

    private async Task CollectAsync(List<Incarnation> incarnations, string target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var selected = GarbageCollection.Select(
            [.. incarnations.Where(i => i.HasRevision).Select(i => new CollectableIncarnation(i.Tag, i.State, i.GitTimestamp, TimeSpan.FromSeconds(i.Status.Ttl)))], now);
        foreach (var chosen in selected)
        {
            var revision = incarnations.First(i => i.Tag == chosen.Tag).Revision!;
            var label = GarbageCollection.DeletableLabel(target);
            if (revision.Metadata.Labels.Value(label) == "true") continue;
            await context.Store.MutateAsync<Revision>(revision.Metadata.NamespaceProperty, revision.Metadata.Name, r =>
            {
                r.Metadata.Labels ??= new Dictionary<string, string>();
                if (r.Metadata.Labels.Value(label) == "true") return false;
                r.Metadata.Labels[label] = "true";
                return true;
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>When nothing good has had traffic, the newest retired release comes back, without waiting for the schedule.</summary>
    private static void Recommission(List<Incarnation> incarnations)
    {
        var serving = incarnations.Any(i => i.HasRevision && !i.MarkedAsFailed && i.Status.PeakPercent > 0 &&
            i.State is IncarnationState.Deploying or IncarnationState.Deployed or IncarnationState.PendingRelease or IncarnationState.Releasing or IncarnationState.Released);
        if (serving) return;
        var candidate = incarnations.Where(i => i.HasRevision && !i.MarkedAsFailed && i.State is IncarnationState.Retired or IncarnationState.Retiring)
            .OrderByDescending(i => i.GitTimestamp).FirstOrDefault();
        if (candidate is null) return;
        candidate.Status.ReleaseEligible = true;
        candidate.Status.PeakPercent = 100;
    }

    private bool WriteStatus(ReleaseManager rm, List<Incarnation> incarnations, ClusterSet clusters, IReadOnlyList<ClusterReport> reports,
        List<(string Type, bool Ok, string Reason, string Message)> conditions, DateTimeOffset now)
    {
        // Bytes, not JSON trees: serialization is deterministic for one type, and this runs on every tick.
        var before = ObjectJson.SerializeToUtf8(rm.Status);
        rm.Status.Revisions = [.. incarnations.Where(i => !(i.State == IncarnationState.Deleted && !i.HasRevision))
            .OrderBy(i => i.GitTimestamp).ThenBy(i => i.Tag, StringComparer.Ordinal).Select(i => i.Status)];
        rm.Status.Clusters = [.. reports.Select(r => new ClusterObservation { Name = r.Name, Reachable = r.Reachable && !clusters.Errors.ContainsKey(r.Name), Message = r.Error ?? clusters.Errors.GetValueOrDefault(r.Name) })];
        var generation = rm.Metadata.Generation;
        foreach (var (type, ok, reason, message) in conditions.GroupBy(c => c.Type).Select(g => g.First()))
            rm.Status.Set(type, ok, reason, message, generation, now);
        var unreachable = clusters.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        rm.Status.Set("ClustersReachable", unreachable.Count == 0, unreachable.Count == 0 ? "AllReachable" : "Unreachable",
            string.Join("; ", unreachable.Select(e => $"{e.Key}: {e.Value}")), generation, now);
        var problems = conditions.Where(c => !c.Ok).Select(c => c.Message).Concat(unreachable.Select(e => $"cluster {e.Key}: {e.Value}")).ToList();
        rm.Status.Set(Conditions.Ready, problems.Count == 0, problems.Count == 0 ? "Reconciled" : "Degraded", string.Join("; ", problems), generation, now);
        rm.Status.ObservedGeneration = generation;
        if (before.AsSpan().SequenceEqual(ObjectJson.SerializeToUtf8(rm.Status))) return false;
        rm.Status.LastUpdated = now.UtcDateTime;
        return true;
    }

    /// <summary>
    /// The next tick: at once when what this tick produced moves a state machine again (the weights reached 100%, an
    /// eligibility was revoked), when a ramp step falls due or a canary ends, sooner while something is on its way.
    /// Our own status writes do not wake the ReleaseManager, so this is the only thing that does.
    /// </summary>
    private TimeSpan NextTick(List<Incarnation> incarnations, DateTimeOffset now, bool progressed)
    {
        var next = options.SyncPeriod;
        // Only after a tick that changed something and reached every cluster: otherwise the same tick again would
        // change nothing either, and ticking at once would spin.
        if (progressed && incarnations.Any(i => IncarnationStateMachine.Tick(i.State, i) is { IsError: false, Next: { } moved } && moved != i.State))
            return TimeSpan.Zero;
        foreach (var inc in incarnations)
        {
            // A new state changed the clusters (scaled up, retired): look again soon, so status shows what came of it.
            if (inc.State != inc.StartState) next = Min(next, options.ObservePeriod);
            if (inc.State is IncarnationState.Created or IncarnationState.Deploying or IncarnationState.Deployed or IncarnationState.PendingRelease
                or IncarnationState.Canaried or IncarnationState.Failing or IncarnationState.Retiring or IncarnationState.Deleting)
                next = Min(next, options.ObservePeriod);
            // While alerts can still fail it, an incarnation with traffic is looked at every observe period.
            if (inc.State is IncarnationState.Releasing or IncarnationState.Canarying && inc.Status.PeakPercent < options.AcceptancePercent && inc.Status.CurrentPercent > 0)
                next = Min(next, options.ObservePeriod);
            if (inc.State is IncarnationState.Releasing or IncarnationState.Canarying)
            {
                var due = inc.Status.PercentUpdated is { } u ? Incarnation.At(u) + inc.Settings.Delay - now : TimeSpan.Zero;
                next = Min(next, due > TimeSpan.Zero ? due : options.ObservePeriod);
            }
            if (inc.State == IncarnationState.Canarying && inc.Status.CanaryStartTimestamp is { } start && inc.Target?.Canary is { } canary)
            {
                var end = Incarnation.At(start) + TimeSpan.FromSeconds(canary.Ttl) - now;
                if (end > TimeSpan.Zero) next = Min(next, end);
            }
        }
        return next < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : next;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>When the ReleaseManager goes, everything of the app on this target goes from every cluster.</summary>
    public async Task<FinalizeResult> FinalizeAsync(k8s.IKubernetesObject<V1ObjectMeta> obj, CancellationToken cancellationToken)
    {
        var rm = (ReleaseManager)obj;
        var app = rm.Spec.App ?? "";
        var target = rm.Spec.Target ?? "";
        var clusters = Clusters(rm.Spec.Fleet);
        var ok = await clusters.ApplyAsync((store, applier, _, ct) =>
        {
            memo.ForgetNamespace(store, ReleaseManager.NameFor(app, target));
            return ClusterSet.DeleteAppAsync(store, applier, ReleaseManager.NameFor(app, target), app, target, ct);
        }, cancellationToken).ConfigureAwait(false);
        return ok ? FinalizeResult.Done
            : FinalizeResult.Blocked("ClustersUnreachable", string.Join("; ", clusters.Errors.Select(e => $"{e.Key}: {e.Value}")), options.SyncPeriod);
    }
}
