namespace Fleetdeck.Provisioning.Api;

/// <summary>The lifecycle states, as the API reports them.</summary>
public static class OrgStates
{
    public const string Pending = "pending";
    public const string Provisioning = "provisioning";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string Deleting = "deleting";
    public const string Deleted = "deleted";

    public static IReadOnlyList<string> All { get; } = [Pending, Provisioning, Ready, Failed, Deleting, Deleted];

    public static string Of(Org org) => string.IsNullOrEmpty(org.Status.State) ? Pending : org.Status.State;
}
