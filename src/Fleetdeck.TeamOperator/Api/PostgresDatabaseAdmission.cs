using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>
/// Admission for PostgresDatabase, as upstream's CRD schema and controller check it: <c>url</c> required, matching
/// <c>^postgres.+@.+/.+</c>, without a password, naming a valid role and database; the password secret named; secret
/// types known; schema and extension names PostgreSQL accepts.
/// </summary>
public sealed partial class PostgresDatabaseAdmission : IAdmission
{
    private static readonly string[] SecretTypes = ["kubernetes", "aws", "test", ""];

    [GeneratedRegex("^postgres.+@.+/.+")]
    private static partial Regex UrlPattern();

    public void Default(IKubernetesObject<V1ObjectMeta> obj)
    {
        if (obj is not PostgresDatabase db) return;
        // Whitespace around names is a copy-and-paste accident, never meant.
        db.Spec.Url = db.Spec.Url?.Trim();
        db.Spec.Schemas = db.Spec.Schemas?.Select(s => s.Trim()).ToList();
        db.Spec.Extensions = db.Spec.Extensions?.Select(s => s.Trim()).ToList();
    }

    public IReadOnlyList<FieldError> Validate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta>? old)
    {
        if (obj is not PostgresDatabase db) return [];
        var errors = new List<FieldError>();
        var spec = db.Spec;
        ValidateUrl(spec.Url, errors);

        if (string.IsNullOrWhiteSpace(spec.SecretPasswordKey)) errors.Add(FieldError.MissingRequired("spec.secretPasswordKey"));
        if (string.IsNullOrWhiteSpace(spec.SecretVault) && string.IsNullOrWhiteSpace(spec.Secret?.VaultName))
            errors.Add(new FieldError("spec.secretVault", "Required value: name the secret holding the role's password (spec.secretVault or spec.secret.vaultName)", FieldError.Required));
        ValidateSecret("spec.secret", spec.Secret, errors);
        ValidateSecret("spec.workloadSecret", spec.WorkloadSecret, errors);
        ValidateSecret("spec.mainDbCredentialSecret", spec.MainDbCredentialSecret, errors);

        ValidateList("spec.schemas", spec.Schemas, PostgresNames.SchemaProblem, errors);
        ValidateList("spec.extensions", spec.Extensions, PostgresNames.ExtensionProblem, errors);
        return errors;
    }

    private static void ValidateUrl(string? url, List<FieldError> errors)
    {
        const string field = "spec.url";
        if (string.IsNullOrWhiteSpace(url))
        {
            errors.Add(FieldError.MissingRequired(field));
            return;
        }
        if (!UrlPattern().IsMatch(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql") || uri.Host.Length == 0)
        {
            errors.Add(new FieldError(field, "must be a URL like postgres://role@host/database (pattern ^postgres.+@.+/.+)"));
            return;
        }
        if (uri.UserInfo.Contains(':'))
        {
            // Never echo the value: it holds a password.
            errors.Add(new FieldError(field, "must not contain a password: the password comes from the secret (spec.secret / spec.secretPasswordKey)", FieldError.Forbidden));
            return;
        }
        var role = Uri.UnescapeDataString(uri.UserInfo);
        if (PostgresNames.RoleProblem(role) is { } roleProblem) errors.Add(new FieldError(field, $"role {roleProblem}"));
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (PostgresNames.DatabaseProblem(database) is { } databaseProblem) errors.Add(new FieldError(field, $"database {databaseProblem}"));
    }

    private static void ValidateSecret(string field, SecretConfig? secret, List<FieldError> errors)
    {
        if (secret is null) return;
        if (!SecretTypes.Contains(secret.Type ?? ""))
            errors.Add(FieldError.Unsupported($"{field}.type", secret.Type!, SecretTypes.Where(t => t.Length > 0)));
        if ((secret.Type ?? "") is "kubernetes" && string.IsNullOrWhiteSpace(secret.VaultName))
            errors.Add(FieldError.MissingRequired($"{field}.vaultName"));
    }

    private static void ValidateList(string field, List<string>? names, Func<string, string?> problem, List<FieldError> errors)
    {
        if (names is null) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (problem(names[i]) is { } p) errors.Add(new FieldError($"{field}[{i}]", p));
            else if (!seen.Add(names[i])) errors.Add(new FieldError($"{field}[{i}]", $"Duplicate value: \"{names[i]}\"", FieldError.Duplicate));
        }
    }
}
