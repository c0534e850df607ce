using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Fleetdeck.Rollouts.Api;

/// <summary>The Prometheus Operator's <c>PrometheusRule</c> (<c>monitoring.coreos.com/v1</c>): recording and alerting rules.</summary>
[KubernetesEntity(Group = "monitoring.coreos.com", ApiVersion = "v1", Kind = "PrometheusRule", PluralName = "prometheusrules")]
public sealed class PrometheusRule : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "monitoring.coreos.com/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "PrometheusRule";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public PrometheusRuleSpec Spec { get; set; } = new();
}

public sealed record PrometheusRuleSpec
{
    public List<RuleGroup> Groups { get; set; } = [];
}

public sealed record RuleGroup
{
    public string Name { get; set; } = "";

    public List<Rule> Rules { get; set; } = [];
}

public sealed record Rule
{
    public string? Record { get; set; }

    public string? Alert { get; set; }

    public string Expr { get; set; } = "";

    public string? For { get; set; }

    public SortedDictionary<string, string>? Labels { get; set; }

    public SortedDictionary<string, string>? Annotations { get; set; }
}
