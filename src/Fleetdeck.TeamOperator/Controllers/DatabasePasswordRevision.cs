using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>
/// HOOK for the database provisioner: the field of a PostgresDatabase's status that changes when its password is
/// rotated. It goes into each product's pod-template hash (<c>&lt;product&gt;.posit.team/database-sha</c>), so a rotation
/// restarts the product with the new password. Null until the provisioner exposes such a field: then read it in
/// <see cref="Of"/> and set <see cref="Provided"/> (renders then depend on it, so the render memo steps aside).
/// </summary>
public static class DatabasePasswordRevision
{
    public static readonly bool Provided;

    public static string? Of(PostgresDatabase database) => null;
}
