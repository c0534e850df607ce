using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Admission;

internal static class SshKeyChecks
{
    public static void Check(FieldChecks checks, string path, List<SshKeyConfig>? keys)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, i) in (keys ?? []).Select((k, i) => (k, i)))
        {
            checks.Required($"{path}[{i}].name", key.Name);
            checks.Label($"{path}[{i}].name", key.Name);
            if (key.Name is { Length: > 0 } name && !seen.Add(name))
                checks.Add(new Core.Objects.FieldError($"{path}[{i}].name", $"Duplicate value: \"{name}\"", Core.Objects.FieldError.Duplicate));
            checks.Required($"{path}[{i}].host", key.Host);
            if (key.SecretRef is null) checks.Add(Core.Objects.FieldError.MissingRequired($"{path}[{i}].secretRef"));
            Reference(checks, $"{path}[{i}].secretRef", key.SecretRef);
            Reference(checks, $"{path}[{i}].passphraseSecretRef", key.PassphraseSecretRef);
        }
    }

    private static void Reference(FieldChecks checks, string path, SecretReference? reference)
    {
        if (reference is null) return;
        checks.Required($"{path}.source", reference.Source);
        checks.OneOf($"{path}.source", string.IsNullOrEmpty(reference.Source) ? null : reference.Source, Allowed.SshKeySources);
        checks.Required($"{path}.name", reference.Name);
    }
}
