namespace Fleetdeck.Databases.Admin;

/// <summary>What should exist: a LOGIN role, a database it owns with no access for others, schemas it owns, extensions.</summary>
public sealed record DatabasePlan(string Role, string Database, IReadOnlyList<string> Schemas, IReadOnlyList<string> Extensions);

/// <summary>The role's password, and whether to set it even when the role already exists (rotation, or the secret changed).</summary>
public sealed record RolePassword(string Value, bool Reset)
{
    public override string ToString() => $"RolePassword(***, Reset = {Reset})";
}

/// <summary>What a provisioning changed: the statements run (passwords redacted), and whether the role's password was set.</summary>
public sealed record ProvisionOutcome(IReadOnlyList<string> Statements, bool PasswordSet)
{
    public bool Changed => Statements.Count > 0;
}
