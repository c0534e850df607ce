namespace Fleetdeck.Core.Objects;

/// <summary>
/// A kind the control plane serves: its API group and version, names, scope and CLR type.
/// One version per kind: Fleetdeck never serves two versions of one kind.
/// </summary>
public sealed record ResourceKind(string Group, string Version, string Kind, string Plural, Type ClrType)
{
    public string Singular { get; init; } = Kind.ToLowerInvariant();

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Groupings a user may name instead of the kind (<c>kubectl get all</c>), as served in discovery.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public bool Namespaced { get; init; } = true;

    /// <summary>Whether status is a subresource: normal updates ignore it and status writes go through their own call.</summary>
    public bool HasStatus { get; init; } = true;

    /// <summary>
    /// A kind defined by another project (Traefik, Istio, the Secrets Store CSI driver, ...) that Fleetdeck writes but
    /// does not own: its CRD is installed by that project, so Fleetdeck never generates or installs one.
    /// </summary>
    public bool ThirdParty { get; init; }

    /// <summary>Columns a table view shows after NAME (and NAMESPACE); AGE is always last.</summary>
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>Defaulting and validation run by the store on every create and update, like API server admission.</summary>
    public IAdmission? Admission { get; init; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>A stable, version-independent key, spelled as kubectl spells it: <c>deployments.apps</c>, <c>configmaps</c>.</summary>
    public string Key => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public override string ToString() => Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}
