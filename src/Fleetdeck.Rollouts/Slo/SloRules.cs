using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;
using Fleetdeck.Rollouts.Api;

namespace Fleetdeck.Rollouts.Slo;

/// <summary>
/// The PrometheusRule objects for an app's SLOs, shaped as the anchor's: recording rules <c>&lt;app&gt;:&lt;slo&gt;:total</c>
/// and <c>:errors</c> in <c>&lt;app&gt;-slo</c>, and per canarying tag an alert in <c>&lt;app&gt;-canary-&lt;tag&gt;</c> that fires
/// when the tag's error ratio exceeds the whole app's by more than the allowance. An empty tag key means <c>tag</c>
/// (the anchor wrote <c>{="tag"}</c>, a selector Prometheus rejects).
/// </summary>
public static partial class SloRules
{
    public const string DefaultTagKey = "tag";

    public static string Sanitize(string name) => NonWord().Replace(name.ToLowerInvariant(), "_");

    public static string SloRuleName(string app) => $"{app}-slo";

    public static string CanaryRuleName(string app, string tag) => $"{app}-canary-{tag}";

    public static PrometheusRule? RecordingRules(string app, string @namespace, IReadOnlyList<ServiceLevelObjective> slos)
    {
        var enabled = slos.Where(s => s.Enabled && s.Name is not null).ToList();
        if (enabled.Count == 0) return null;
        var prefix = Sanitize(app);
        return new PrometheusRule
        {
            Metadata = Meta(SloRuleName(app), @namespace, app, "slo", tag: null),
            Spec = new PrometheusRuleSpec
            {
                Groups = [.. enabled.Select(slo =>
                {
                    var name = Sanitize(slo.Name!);
                    return new RuleGroup
                    {
                        Name = $"{name}_record",
                        Rules =
                        [
                            new Rule { Record = $"{prefix}:{name}:total", Expr = slo.ServiceLevelIndicator.TotalQuery ?? "", Labels = Labels(slo.ServiceLevelObjectiveLabels?.RuleLabels) },
                            new Rule { Record = $"{prefix}:{name}:errors", Expr = slo.ServiceLevelIndicator.ErrorQuery ?? "", Labels = Labels(slo.ServiceLevelObjectiveLabels?.RuleLabels) },
                        ],
                    };
                })],
            },
        };
    }

    public static PrometheusRule? CanaryRules(string app, string tag, string @namespace, IReadOnlyList<ServiceLevelObjective> slos)
    {
        var canaries = slos.Where(s => s.Enabled && s.Name is not null && s.ServiceLevelIndicator.Canary?.Enabled == true).ToList();
        if (canaries.Count == 0) return null;
        var prefix = Sanitize(app);
        return new PrometheusRule
        {
            Metadata = Meta(CanaryRuleName(app, tag), @namespace, app, "canary", tag),
            Spec = new PrometheusRuleSpec
            {
                Groups = [.. canaries.Select(slo =>
                {
                    var name = Sanitize(slo.Name!);
                    var sli = slo.ServiceLevelIndicator;
                    var tagKey = string.IsNullOrEmpty(sli.TagKey) ? DefaultTagKey : sli.TagKey;
                    var errors = $"{prefix}:{name}:errors";
                    var total = $"{prefix}:{name}:total";
                    var allowance = ((sli.Canary!.AllowancePercent ?? 0) / 100).ToString("0.##########", CultureInfo.InvariantCulture);
                    var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["app"] = app,
                        ["tag"] = tag,
                        ["canary"] = "true",
                        ["slo"] = "true",
                    };
                    foreach (var (k, v) in slo.ServiceLevelObjectiveLabels?.AlertLabels ?? []) labels[k] = v;
                    return new RuleGroup
                    {
                        Name = $"{name}_canary",
                        Rules =
                        [
                            new Rule
                            {
                                Alert = $"{name}_canary",
                                Expr = $"{errors}{{{tagKey}=\"{tag}\"}} / {total}{{{tagKey}=\"{tag}\"}} - {allowance} > ignoring({tagKey}) sum({errors}) / sum({total})",
                                For = sli.Canary.FailAfter ?? "1m",
                                Labels = labels,
                                Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
                                {
                                    ["message"] = $"canary {tag} of {app} is failing SLO {slo.Name}",
                                },
                            },
                        ],
                    };
                })],
            },
        };
    }

    private static V1ObjectMeta Meta(string name, string @namespace, string app, string ruleType, string? tag)
    {
        var labels = new Dictionary<string, string> { [RolloutsGroup.AppLabel] = app, ["ruleType"] = ruleType };
        if (tag is not null) labels[RolloutsGroup.TagLabel] = tag;
        return new V1ObjectMeta { Name = name, NamespaceProperty = @namespace, Labels = labels };
    }

    private static SortedDictionary<string, string>? Labels(Dictionary<string, string>? labels) =>
        labels is null || labels.Count == 0 ? null : new SortedDictionary<string, string>(labels, StringComparer.Ordinal);

    [GeneratedRegex("[^a-zA-Z0-9]+")]
    private static partial Regex NonWord();
}
