using System.Text.RegularExpressions;

namespace Fleetdeck.TeamOperator.Admission;

/// <summary>Kubernetes resource quantities (<c>10Gi</c>, <c>500M</c>, <c>1.5</c>).</summary>
internal static partial class Quantity
{
    public static bool IsValid(string text) => Pattern().IsMatch(text);

    [GeneratedRegex(@"^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$")]
    private static partial Regex Pattern();
}
