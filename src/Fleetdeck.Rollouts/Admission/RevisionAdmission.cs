using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Rollouts.Api;

namespace Fleetdeck.Rollouts.Admission;

/// <summary>
/// Defaults and validation of Revisions. Rejects, with the field path, every value that loops, overflows or divides
/// by zero in the anchor: a geometric factor ≤ 1 (never grows), a linear increment of 0, a percent above 100, a
/// negative TTL or delay, min above max.
/// </summary>
internal sealed class RevisionAdmission : IAdmission
{
    private static readonly string[] Strategies = ["geometric", "linear"];
    private static readonly string[] Schedules = ["always", "humane", "inhumane"];

    public void Default(IKubernetesObject<V1ObjectMeta> obj)
    {
        if (obj is not Revision revision) return;
        // The app label lets each ReleaseManager read only its own app's Revisions from the cache.
        if (revision.Spec.App.Name is { Length: > 0 } app)
        {
            revision.Metadata.Labels ??= new Dictionary<string, string>();
            revision.Metadata.Labels[RolloutsGroup.AppLabel] = app;
        }
        foreach (var target in revision.Spec.Targets)
        {
            target.Scale ??= new ScaleSpec();
            target.Scale.Default ??= 1;
            target.Scale.Max ??= Math.Max(1, target.Scale.Default.Value);
            var release = target.Release ??= new ReleaseSpec();
            release.Max ??= ReleaseSettings.DefaultMax;
            release.ScalingStrategy ??= "geometric";
            release.Schedule ??= ReleaseSettings.DefaultSchedule;
            release.Ttl ??= ReleaseSettings.DefaultTtlSeconds;
            if (release.ScalingStrategy == "geometric")
            {
                release.GeometricScaling ??= new GeometricScaling();
                release.GeometricScaling.Start ??= ReleaseSettings.DefaultStart;
                release.GeometricScaling.Factor ??= ReleaseSettings.DefaultFactor;
                release.GeometricScaling.Delay ??= "10s";
            }
            else if (release.ScalingStrategy == "linear")
            {
                release.LinearScaling ??= new LinearScaling();
                release.LinearScaling.Increment ??= ReleaseSettings.DefaultIncrement;
                release.LinearScaling.Delay ??= "10s";
            }
            if (target.ExternalTest is { } test) test.Timeout ??= "2h";
        }
        foreach (var port in revision.Spec.Ports ?? [])
        {
            port.Port ??= 80;
            port.ContainerPort ??= 80;
            port.IngressPort ??= 443;
            port.Protocol ??= "TCP";
            port.Mode ??= "private";
        }
    }

    public IReadOnlyList<FieldError> Validate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta>? old)
    {
        if (obj is not Revision revision) return [];
        var errors = new List<FieldError>();
        var spec = revision.Spec;
        Required(errors, "spec.app.name", spec.App.Name);
        Required(errors, "spec.app.ref", spec.App.Ref);
        Required(errors, "spec.app.image", spec.App.Image);
        Required(errors, "spec.app.tag", spec.App.Tag);
        if (spec.App.Name is { Length: > 0 } app && ObjectNames.ValidateLabel(app) is { } appProblem)
            errors.Add(new FieldError("spec.app.name", appProblem));
        if (spec.App.Tag is { Length: > 0 } tag && ObjectNames.ValidateLabel(tag) is { } tagProblem)
            errors.Add(new FieldError("spec.app.tag", tagProblem));
        if (old is Revision previous && previous.Spec.App.Tag is { } oldTag && oldTag != spec.App.Tag)
            errors.Add(new FieldError("spec.app.tag", "field is immutable: a new tag is a new Revision", FieldError.Forbidden));
        if (spec.Targets.Count == 0) errors.Add(FieldError.MissingRequired("spec.targets"));

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Targets.Count; i++)
        {
            var t = spec.Targets[i];
            var path = $"spec.targets[{i}]";
            Required(errors, $"{path}.name", t.Name);
            Required(errors, $"{path}.fleet", t.Fleet);
            if (t.Name is { Length: > 0 } name)
            {
                if (!names.Add(name)) errors.Add(new FieldError($"{path}.name", $"Duplicate value: \"{name}\"", FieldError.Duplicate));
                if (ObjectNames.ValidateLabel(name) is { } problem) errors.Add(new FieldError($"{path}.name", problem));
            }
            ValidateScale(errors, $"{path}.scale", t.Scale);
            ValidateRelease(errors, $"{path}.release", t.Release);
            if (t.Canary is { } canary)
            {
                Percent(errors, $"{path}.canary.percent", canary.Percent, allowZero: true);
                if (canary.Ttl < 0) errors.Add(new FieldError($"{path}.canary.ttl", $"Invalid value: {canary.Ttl}: must be at least 0 seconds"));
            }
            if (t.ExternalTest?.Timeout is { } timeout) Duration(errors, $"{path}.externalTest.timeout", timeout);
            var slos = t.ServiceLevelObjectives ?? [];
            for (var j = 0; j < slos.Count; j++)
            {
                var slo = slos[j];
                var sloPath = $"{path}.serviceLevelObjectives[{j}]";
                Required(errors, $"{sloPath}.name", slo.Name);
                if (slo.Enabled)
                {
                    Required(errors, $"{sloPath}.serviceLevelIndicator.totalQuery", slo.ServiceLevelIndicator.TotalQuery);
                    Required(errors, $"{sloPath}.serviceLevelIndicator.errorQuery", slo.ServiceLevelIndicator.ErrorQuery);
                }
                if (slo.ObjectivePercentString is { } objective &&
                    (!double.TryParse(objective, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var o) || o <= 0 || o >= 100))
                    errors.Add(new FieldError($"{sloPath}.objectivePercentString", $"Invalid value: \"{objective}\": must be a number between 0 and 100 (exclusive)"));
                if (slo.ServiceLevelIndicator.Canary is { } c)
                {
                    if (c.AllowancePercent is < 0 or > 100)
                        errors.Add(new FieldError($"{sloPath}.serviceLevelIndicator.canary.allowancePercent", $"Invalid value: {c.AllowancePercent}: must be between 0 and 100"));
                    if (c.FailAfter is { } failAfter) Duration(errors, $"{sloPath}.serviceLevelIndicator.canary.failAfter", failAfter);
                }
            }
        }

        var ports = spec.Ports ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            var p = ports[i];
            Required(errors, $"spec.ports[{i}].name", p.Name);
            foreach (var (field, value) in new[] { ("port", p.Port), ("containerPort", p.ContainerPort), ("ingressPort", p.IngressPort) })
                if (value is < 1 or > 65535) errors.Add(new FieldError($"spec.ports[{i}].{field}", $"Invalid value: {value}: must be between 1 and 65535"));
            if (p.Mode is { } mode && mode is not ("public" or "private" or "local"))
                errors.Add(FieldError.Unsupported($"spec.ports[{i}].mode", mode, ["local", "private", "public"]));
        }
        return errors;
    }

    private static void ValidateScale(List<FieldError> errors, string path, ScaleSpec? scale)
    {
        if (scale is null) return;
        if (scale.Min is < 0) errors.Add(new FieldError($"{path}.min", $"Invalid value: {scale.Min}: must be at least 0"));
        if (scale.Default is < 0) errors.Add(new FieldError($"{path}.default", $"Invalid value: {scale.Default}: must be at least 0"));
        if (scale.Max is < 0) errors.Add(new FieldError($"{path}.max", $"Invalid value: {scale.Max}: must be at least 0"));
        if (scale.Min is { } min && scale.Max is { } max && min > max)
            errors.Add(new FieldError($"{path}.min", $"Invalid value: {min}: must not exceed max ({max})"));
        if (scale.TargetCPUUtilizationPercentage is < 1 or > 100)
            errors.Add(new FieldError($"{path}.targetCPUUtilizationPercentage", $"Invalid value: {scale.TargetCPUUtilizationPercentage}: must be between 1 and 100"));
        if (scale.TargetMemoryUtilizationPercentage is < 1 or > 100)
            errors.Add(new FieldError($"{path}.targetMemoryUtilizationPercentage", $"Invalid value: {scale.TargetMemoryUtilizationPercentage}: must be between 1 and 100"));
    }

    private static void ValidateRelease(List<FieldError> errors, string path, ReleaseSpec? release)
    {
        if (release is null) return;
        if (release.Max is { } max) Percent(errors, $"{path}.max", max, allowZero: true);
        if (release.ScalingStrategy is { } strategy && !Strategies.Contains(strategy))
            errors.Add(FieldError.Unsupported($"{path}.scalingStrategy", strategy, Strategies));
        if (release.Schedule is { } schedule && !Schedules.Contains(schedule))
            errors.Add(FieldError.Unsupported($"{path}.schedule", schedule, Schedules));
        if (release.Ttl is < 0) errors.Add(new FieldError($"{path}.ttl", $"Invalid value: {release.Ttl}: must be at least 0 seconds"));
        if (release.GeometricScaling is { } g)
        {
            if (g.Start is { } start) Percent(errors, $"{path}.geometricScaling.start", start, allowZero: false);
            if (g.Factor is <= 1) errors.Add(new FieldError($"{path}.geometricScaling.factor", $"Invalid value: {g.Factor}: must be greater than 1, or traffic never grows"));
            if (g.Delay is { } delay) Duration(errors, $"{path}.geometricScaling.delay", delay);
        }
        if (release.LinearScaling is { } l)
        {
            if (l.Increment is { } increment) Percent(errors, $"{path}.linearScaling.increment", increment, allowZero: false);
            if (l.Delay is { } delay) Duration(errors, $"{path}.linearScaling.delay", delay);
        }
    }

    private static void Percent(List<FieldError> errors, string path, int value, bool allowZero)
    {
        if (value > 100 || value < 0 || (!allowZero && value == 0))
            errors.Add(new FieldError(path, $"Invalid value: {value}: must be between {(allowZero ? 0 : 1)} and 100"));
    }

    private static void Duration(List<FieldError> errors, string path, string text)
    {
        if (!GoDuration.TryParse(text, out var value))
            errors.Add(new FieldError(path, $"Invalid value: \"{text}\": not a duration (e.g. 10s, 1m30s, 2h)"));
        else if (value < TimeSpan.Zero)
            errors.Add(new FieldError(path, $"Invalid value: \"{text}\": must not be negative"));
    }

    private static void Required(List<FieldError> errors, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(FieldError.MissingRequired(path));
    }
}
