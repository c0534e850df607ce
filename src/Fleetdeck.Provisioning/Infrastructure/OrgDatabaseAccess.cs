namespace Fleetdeck.Provisioning.Infrastructure;

/// <summary>
/// Connections to an org's database: <see cref="OrgRole"/> connects as the org's own role (the probe), <see cref="Admin"/>
/// as a role that may create roles (the credential broker). Connection strings carry passwords: never log or show them.
/// </summary>
public sealed record OrgDatabaseAccess(string Host, int Port, string Database, string RoleName, string OrgRole, string Admin)
{
    public override string ToString() => $"{RoleName}@{Host}:{Port}/{Database}";
}
