using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>
/// HOOK for the database provisioner: the field of a PostgresDatabase's status that changes when its password is
/// rotated. It goes into each product's pod-template hash (<c>&lt;product&gt;.posit.team/database-sha</c>), so a rotation
/// restarts the product with the new password. Null until the provisioner exposes such a field: then read it here.
/// </summary>
public static class DatabasePasswordRevision
{
    public static string? Of(PostgresDatabase database) => null;
}
