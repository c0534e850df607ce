using System.Text.Json.Nodes;

namespace Fleetdeck.Server.Tests.KubeApi;

/// <summary>Request bodies as a client would send them.</summary>
public static class Manifests
{
    public static JsonObject Widget(string ns, string name, string color = "blue", int size = 1, JsonObject? labels = null) => new()
    {
        ["apiVersion"] = "test.fleetdeck.dev/v1",
        ["kind"] = "Widget",
        ["metadata"] = Metadata(ns, name, labels),
        ["spec"] = new JsonObject { ["color"] = color, ["size"] = size },
    };

    public static JsonObject ConfigMap(string ns, string name, JsonObject? data = null, JsonObject? labels = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = Metadata(ns, name, labels),
        ["data"] = data ?? new JsonObject { ["a"] = "1" },
    };

    public static JsonObject Deployment(string ns, string name) => (JsonObject)JsonNode.Parse($$"""
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": { "name": "{{name}}", "namespace": "{{ns}}", "labels": { "app": "{{name}}" } },
          "spec": {
            "replicas": 1,
            "selector": { "matchLabels": { "app": "{{name}}" } },
            "strategy": { "type": "RollingUpdate", "rollingUpdate": { "maxSurge": 1 } },
            "template": {
              "metadata": { "labels": { "app": "{{name}}" } },
              "spec": {
                "containers": [
                  {
                    "name": "web",
                    "image": "nginx:1.25",
                    "env": [ { "name": "A", "value": "1" }, { "name": "B", "value": "2" } ],
                    "ports": [ { "containerPort": 80 }, { "containerPort": 443 } ],
                    "volumeMounts": [ { "name": "data", "mountPath": "/data" } ]
                  },
                  { "name": "sidecar", "image": "busybox:1" }
                ],
                "volumes": [ { "name": "data", "emptyDir": {} } ],
                "tolerations": [ { "key": "a", "operator": "Exists" }, { "key": "b", "operator": "Exists" } ]
              }
            }
          }
        }
        """)!;

    public static JsonObject Metadata(string? ns, string name, JsonObject? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null) metadata["namespace"] = ns;
        if (labels is not null) metadata["labels"] = labels;
        return metadata;
    }

    public static string Widgets(string ns, string? name = null) =>
        $"/apis/test.fleetdeck.dev/v1/namespaces/{ns}/widgets{(name is null ? "" : "/" + name)}";

    public static string ConfigMaps(string ns, string? name = null) =>
        $"/api/v1/namespaces/{ns}/configmaps{(name is null ? "" : "/" + name)}";

    public static string Deployments(string ns, string? name = null) =>
        $"/apis/apps/v1/namespaces/{ns}/deployments{(name is null ? "" : "/" + name)}";
}
