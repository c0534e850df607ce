namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>A spec that cannot be rendered, naming the field and what is wrong; shown on the object's Ready condition.</summary>
public sealed class RenderException(string field, string message, string reason = "InvalidSpec") : Exception($"{field}: {message}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
