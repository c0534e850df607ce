namespace Fleetdeck.Server.KubeApi.Patching;

/// <summary>A patch that cannot be applied: 400 when the patch is malformed, 422 when it does not fit the object.</summary>
internal sealed class PatchException(string message, bool malformed) : Exception(message)
{
    public bool Malformed { get; } = malformed;

    public static PatchException BadPatch(string message) => new(message, malformed: true);

    public static PatchException DoesNotApply(string message) => new(message, malformed: false);
}
