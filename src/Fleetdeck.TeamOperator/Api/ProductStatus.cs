using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>
/// A product's status: <c>observedGeneration</c> and conditions (a <c>Ready</c> summary that tracks the present), plus
/// upstream's <c>ready</c> flag, kept equal to the <c>Ready</c> condition (upstream sets it once and never resets it).
/// </summary>
public class ProductStatus : ResourceStatus
{
    [JsonPropertyName("ready")]
    public bool? Ready { get; set; }
}

/// <summary>The status of a product with a generated key Secret (Connect, Workbench, Package Manager).</summary>
public sealed class KeyedProductStatus : ProductStatus
{
    [JsonPropertyName("keySecretRef")]
    public V1SecretReference? KeySecretRef { get; set; }
}
