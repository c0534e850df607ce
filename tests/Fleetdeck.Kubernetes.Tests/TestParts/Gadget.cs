using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Kubernetes.Tests.TestParts;

/// <summary>
/// A test kind with every sort of field the CRD generator handles: <c>Gadget</c> in <c>test.fleetdeck.dev/v1</c>.
/// </summary>
[KubernetesEntity(Group = "test.fleetdeck.dev", ApiVersion = "v1", Kind = "Gadget", PluralName = "gadgets")]
public sealed class Gadget : CustomResource<GadgetSpec, GadgetStatus>;

/// <summary>What the gadget should be.</summary>
public sealed class GadgetSpec
{
    /// <summary>The gadget's name on its label: lower case, starting with a letter.</summary>
    [Required]
    [RegularExpression("^[a-z][a-z0-9-]*$")]
    [StringLength(63, MinimumLength = 1)]
    public string? Label { get; set; }

    /// <summary>How the gadget runs.</summary>
    [DefaultValue(GadgetMode.Standby)]
    public GadgetMode? Mode { get; set; }

    /// <summary>The size class.</summary>
    [AllowedValues("small", "medium", "large")]
    [DefaultValue("medium")]
    public string? Size { get; set; }

    /// <summary>How many copies run.</summary>
    [Range(0, 10)]
    public int Replicas { get; set; } = 1;

    /// <summary>Tags, one to five of them.</summary>
    [MinLength(1)]
    [MaxLength(5)]
    public List<string>? Tags { get; set; }

    public Dictionary<string, string>? Settings { get; set; }

    /// <summary>The port, by number or by name.</summary>
    public IntOrString? Port { get; set; }

    /// <summary>Disk to give it, as a Kubernetes quantity (<c>10Gi</c>).</summary>
    public ResourceQuantity? Storage { get; set; }

    public V1ResourceRequirements? Resources { get; set; }

    /// <summary>Where it connects.</summary>
    public GadgetEndpoint? Endpoint { get; set; }

    public List<GadgetEndpoint>? Mirrors { get; set; }

    /// <summary>Free-form settings, passed through unchanged.</summary>
    public JsonObject? Extra { get; set; }

    /// <summary>A name kept from an older API, spelled as it was.</summary>
    [JsonPropertyName("legacy_name")]
    public string? LegacyName { get; set; }

    /// <summary>Not before this time.</summary>
    public DateTime? NotBefore { get; set; }

    /// <summary>Computed, never part of the API.</summary>
    [JsonIgnore]
    public string Summary => $"{Label} ({Mode})";

    public bool HasTags => Tags is { Count: > 0 };
}

/// <summary>How a gadget runs: <c>standby</c> waits, <c>Active</c> works.</summary>
public enum GadgetMode
{
    [JsonStringEnumMemberName("standby")]
    Standby,

    Active,
}

/// <summary>A network endpoint.</summary>
/// <param name="Host">The host name or address.</param>
/// <param name="Port">The TCP port.</param>
public sealed record GadgetEndpoint(string Host, int Port);

/// <summary>What the gadget is.</summary>
public sealed class GadgetStatus : ResourceStatus
{
    /// <summary>The endpoint it serves on.</summary>
    public string? Endpoint { get; set; }
}
