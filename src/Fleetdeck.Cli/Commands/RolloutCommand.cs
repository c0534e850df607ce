using System.CommandLine;
using Fleetdeck.Cli.Client;
using Fleetdeck.Core.Store;
using Fleetdeck.Rollouts.Api;

namespace Fleetdeck.Cli.Commands;

/// <summary>
/// <c>fleetdeck rollout status|promote|abort|pause|resume APP</c>: watch and steer a rollout without editing its spec.
/// Each works through the kubeconfig's API server like <c>get</c>, on the app's ReleaseManagers (one per target).
/// </summary>
internal static class RolloutCommand
{
    public static Command Create()
    {
        var command = new Command("rollout", "Show and control progressive rollouts (canary, ramp, rollback)");
        command.Subcommands.Add(RolloutStatusCommand.Create());
        command.Subcommands.Add(Control("promote", "Skip the rest of the canary, the schedule and the ramp delays: go straight to full traffic", withTag: true, PromoteAsync));
        command.Subcommands.Add(Control("abort", "Fail the newest revision now: its traffic returns to the last release at once", withTag: true, AbortAsync));
        command.Subcommands.Add(Control("pause", "Hold every traffic increase (decreases and rollbacks still happen)", withTag: false, (store, rms, _, ns, ct) => SetPausedAsync(store, rms, true, ct)));
        command.Subcommands.Add(Control("resume", "Let traffic increases go on", withTag: false, (store, rms, _, ns, ct) => SetPausedAsync(store, rms, false, ct)));
        return command;
    }

    public static Option<string?> TargetOption() => new("--target", "-t") { Description = "Only this target (default: every target of the app)" };

    private delegate Task<string> ControlAction(IObjectStore store, IReadOnlyList<ReleaseManager> releaseManagers, string? tag, string ns, CancellationToken ct);

    private static Command Control(string name, string description, bool withTag, ControlAction action)
    {
        var app = new Argument<string>("app") { Description = "The app (spec.app.name of its Revisions)" };
        var target = TargetOption();
        var tag = new Option<string?>("--tag") { Description = "The revision's tag (default: the newest)" };
        var ns = GlobalOptions.Namespace();
        var command = new Command(name, description) { app, target, ns };
        if (withTag) command.Options.Add(tag);
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            using var client = ClientStore.Open(parse.GetValue(GlobalOptions.Kubeconfig));
            var namespaceName = parse.GetValue(ns) ?? client.DefaultNamespace;
            var rms = await FindAsync(client.Store, namespaceName, parse.GetValue(app)!, parse.GetValue(target), ct);
            await context.Out.WriteLineAsync(await action(client.Store, rms, withTag ? parse.GetValue(tag) : null, namespaceName, ct));
            return 0;
        }));
        return command;
    }

    /// <summary>The app's ReleaseManagers, or a clear error naming what is missing.</summary>
    public static async Task<IReadOnlyList<ReleaseManager>> FindAsync(IObjectStore store, string ns, string app, string? target, CancellationToken ct)
    {
        var all = (await store.ListAsync<ReleaseManager>(ListOptions.InNamespace(ns), ct)).Where(rm => rm.Spec.App == app).ToList();
        if (all.Count == 0) throw new CliException($"app \"{app}\" has no rollout in namespace {ns} (no ReleaseManager; is a Revision with spec.app.name={app} applied?)");
        if (target is null) return [.. all.OrderBy(rm => rm.Spec.Target, StringComparer.Ordinal)];
        var one = all.Where(rm => rm.Spec.Target == target).ToList();
        return one.Count > 0 ? one
            : throw new CliException($"app \"{app}\" has no target \"{target}\" (targets: {string.Join(", ", all.Select(rm => rm.Spec.Target).Order(StringComparer.Ordinal))})");
    }

    private static async Task<Revision> NewestRevisionAsync(IObjectStore store, string ns, string app, string? tag, IEnumerable<string?> targets, CancellationToken ct)
    {
        var revisions = (await store.ListAsync<Revision>(ListOptions.InNamespace(ns), ct))
            .Where(r => r.Spec.App.Name == app && r.Spec.Targets.Any(t => targets.Contains(t.Name))).ToList();
        if (tag is not null)
            return revisions.FirstOrDefault(r => r.Spec.App.Tag == tag) ?? throw new CliException($"app \"{app}\" has no revision with tag \"{tag}\"");
        return revisions.OrderByDescending(r => r.GitTimestamp).FirstOrDefault() ?? throw new CliException($"app \"{app}\" has no revision");
    }

    private static async Task<string> PromoteAsync(IObjectStore store, IReadOnlyList<ReleaseManager> rms, string? tag, string ns, CancellationToken ct)
    {
        var revision = await NewestRevisionAsync(store, ns, rms[0].Spec.App!, tag, rms.Select(r => r.Spec.Target), ct);
        if (revision.Spec.Failed) throw new CliException($"revision {revision.Metadata.Name} ({revision.Spec.App.Tag}) has failed; it cannot be promoted");
        foreach (var rm in rms)
            await store.MutateAsync<ReleaseManager>(ns, rm.Metadata.Name, r => SetAnnotation(r, RolloutsGroup.PromoteAnnotation, revision.Spec.App.Tag), cancellationToken: ct);
        return $"promoted {revision.Spec.App.Tag} of {revision.Spec.App.Name} on {string.Join(", ", rms.Select(r => r.Spec.Target))}";
    }

    private static async Task<string> AbortAsync(IObjectStore store, IReadOnlyList<ReleaseManager> rms, string? tag, string ns, CancellationToken ct)
    {
        var revision = await NewestRevisionAsync(store, ns, rms[0].Spec.App!, tag, rms.Select(r => r.Spec.Target), ct);
        var at = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        await store.MutateAsync<Revision>(ns, revision.Metadata.Name, r =>
        {
            if (r.Spec.Failed) return false;
            r.Spec.Failed = true;
            r.Metadata.Annotations ??= new Dictionary<string, string>();
            r.Metadata.Annotations[RolloutsGroup.FailedAtAnnotation] = at;
            r.Metadata.Annotations[RolloutsGroup.FailedReasonAnnotation] = "aborted with fleetdeck rollout abort";
            return true;
        }, cancellationToken: ct);
        return $"aborted {revision.Spec.App.Tag} of {revision.Spec.App.Name}: its traffic returns to the last release";
    }

    private static async Task<string> SetPausedAsync(IObjectStore store, IReadOnlyList<ReleaseManager> rms, bool paused, CancellationToken ct)
    {
        foreach (var rm in rms)
            await store.MutateAsync<ReleaseManager>(rm.Metadata.NamespaceProperty, rm.Metadata.Name, r => SetAnnotation(r, RolloutsGroup.PausedAnnotation, paused ? "true" : null), cancellationToken: ct);
        return $"{(paused ? "paused" : "resumed")} {rms[0].Spec.App} on {string.Join(", ", rms.Select(r => r.Spec.Target))}";
    }

    private static bool SetAnnotation(ReleaseManager rm, string key, string? value)
    {
        rm.Metadata.Annotations ??= new Dictionary<string, string>();
        var current = rm.Metadata.Annotations.TryGetValue(key, out var v) ? v : null;
        if (current == value) return false;
        if (value is null) rm.Metadata.Annotations.Remove(key);
        else rm.Metadata.Annotations[key] = value;
        return true;
    }
}
