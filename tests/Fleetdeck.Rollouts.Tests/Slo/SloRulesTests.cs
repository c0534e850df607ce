using Fleetdeck.Core.Serialization;
using Fleetdeck.Rollouts.Api;
using Fleetdeck.Rollouts.Slo;
using Fleetdeck.Rollouts.Tests.Golden;

namespace Fleetdeck.Rollouts.Tests.Slo;

public sealed class SloRulesTests
{
    public static ServiceLevelObjective Availability(string? tagKey = "tag") => new()
    {
        Name = "Availability",
        Enabled = true,
        ObjectivePercentString = "99.9",
        ServiceLevelIndicator = new ServiceLevelIndicator
        {
            TagKey = tagKey,
            TotalQuery = "sum by (tag) (rate(http_requests_total{app=\"web\"}[10s]))",
            ErrorQuery = "sum by (tag) (rate(http_requests_total{app=\"web\",code=~\"5..\"}[10s]))",
            Canary = new SliCanary { Enabled = true, AllowancePercent = 1, FailAfter = "1s" },
        },
    };

    [Fact]
    public void Recording_and_canary_rules_are_shaped_as_the_reference()
    {
        var recording = SloRules.RecordingRules("web", "web-production", [Availability()])!;
        var canary = SloRules.CanaryRules("web", "v2", "web-production", [Availability()])!;

        GoldenFile.Match("slo-rules-web.yaml", YamlWriter.WriteAll([ObjectJson.ToNode(recording), ObjectJson.ToNode(canary)]));
    }

    [Fact]
    public void An_empty_tag_key_selects_the_tag_label_instead_of_writing_an_empty_matcher()
    {
        var canary = SloRules.CanaryRules("web", "v2", "ns", [Availability(tagKey: "")])!;
        var expr = canary.Spec.Groups[0].Rules[0].Expr;

        expr.ShouldNotContain("{=");
        expr.ShouldContain("web:availability:errors{tag=\"v2\"}");
        expr.ShouldContain("ignoring(tag)");
    }

    [Fact]
    public void Names_are_sanitized_and_disabled_slos_make_no_rules()
    {
        SloRules.Sanitize("HTTP Error-Rate (5xx)").ShouldBe("http_error_rate_5xx_");
        SloRules.RecordingRules("web", "ns", [new ServiceLevelObjective { Name = "x", Enabled = false }]).ShouldBeNull();
        SloRules.CanaryRules("web", "v1", "ns", [Availability()]).ShouldNotBeNull();
    }
}
