using Fleetdeck.Fleet.Targets;

namespace Fleetdeck.Fleet.Steps;

/// <summary>Names of what the steps make for a workload, in one place so steps and tests agree.</summary>
public static class Names
{
    public const string WorkloadLabel = "fleet.fleetdeck.dev/workload";
    public const string ControlRoomLabel = "fleet.fleetdeck.dev/control-room";
    /// <summary>The control room's own namespace (not <c>fleetdeck-system</c>, which the control plane itself owns).</summary>
    public static string ControlRoomNamespace(ControlRoomTarget room) => $"fleet-{room.Name}";

    public static string WorkloadSecret(WorkloadTarget w) => $"{w.Name}-workload";

    public static string StorageClaim(WorkloadTarget w) => $"{w.Name}-storage";

    /// <summary>The secret whose <c>main-database-url</c> databases and Sites use: the workload secret, or for claims infrastructure one built from the claim.</summary>
    public static string DatabaseUrlSecret(WorkloadTarget w) => w.Infrastructure == "claims" ? $"{w.Name}-claim-database" : WorkloadSecret(w);

    /// <summary>The workload's own database (beside the products', which the Site makes): the org id with '_' for '-'.</summary>
    public static string Database(WorkloadTarget w, string? extra = null) =>
        (w.OrgId.Replace('-', '_') + (extra is null ? "" : "_" + extra)) is var name && name.Length > 63 ? name[..63] : name;

    public static string DatabaseObject(WorkloadTarget w, string? extra = null) => extra is null ? $"{w.Name}-db" : $"{w.Name}-db-{extra.Replace('_', '-')}";

    public static string PasswordSecret(WorkloadTarget w, string? extra = null) => DatabaseObject(w, extra) + "-password";

    public static Dictionary<string, string> Labels(WorkloadTarget w) => new() { [WorkloadLabel] = w.Name, [ControlRoomLabel] = w.ControlRoom };
}
