using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Rollouts.Api;

namespace Fleetdeck.Rollouts.Slo;

/// <summary>
/// PrometheusRule objects as a plain Prometheus rule file (<c>groups:</c>), for a Prometheus without the operator. The
/// file is JSON, which Prometheus reads as YAML.
/// </summary>
public static class PrometheusRuleFile
{
    public static string Render(IEnumerable<PrometheusRule> rules)
    {
        var groups = new JsonArray();
        foreach (var rule in rules)
            foreach (var group in rule.Spec.Groups)
                groups.Add(ObjectJson.ToNode(group));
        return new JsonObject { ["groups"] = groups }.ToJsonString(ObjectJson.IndentedOptions);
    }
}
