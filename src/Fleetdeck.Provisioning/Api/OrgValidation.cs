using System.Text.RegularExpressions;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.Provisioning.Api;

/// <summary>
/// The rules for an org id and a provision request, shared by the REST API (paths as the request spells them) and the
/// store's admission (paths under <c>spec.</c>). Every problem is reported, not just the first.
/// </summary>
public static partial class OrgValidation
{
    /// <summary>Names derived from the id (<c>org-&lt;id&gt;</c>, <c>org_&lt;id&gt;_c_&lt;8 hex&gt;</c>) must fit PostgreSQL's 63 bytes.</summary>
    public const int MaxIdLength = 35;

    public const int MaxSizeGi = 65_536;

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex DnsName();

    /// <summary>Null when the id is valid, otherwise what is wrong with it.</summary>
    public static string? CheckId(string id)
    {
        if (id.Length == 0) return "must not be empty";
        if (id.Length > MaxIdLength) return $"must be at most {MaxIdLength} characters (it is {id.Length})";
        if (!DnsLabel().IsMatch(id)) return "must be a DNS label: lowercase letters, digits and '-', starting and ending with a letter or digit";
        return null;
    }

    public static IReadOnlyList<FieldError> ValidateSpec(OrgSpec spec, string prefix = "")
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(spec.Domain)) errors.Add(FieldError.MissingRequired(prefix + "domain"));
        else if (!DnsName().IsMatch(spec.Domain)) errors.Add(new FieldError(prefix + "domain", $"\"{spec.Domain}\" is not a DNS name (lowercase labels separated by dots)"));

        if (spec.Products is null) errors.Add(FieldError.MissingRequired(prefix + "products"));
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < spec.Products.Count; i++)
            {
                var product = spec.Products[i];
                if (!Products.All.Contains(product)) errors.Add(FieldError.Unsupported($"{prefix}products[{i}]", product, Products.All));
                else if (!seen.Add(product)) errors.Add(new FieldError($"{prefix}products[{i}]", $"\"{product}\" is listed twice", FieldError.Duplicate));
            }
        }

        CheckSize(errors, prefix + "database", spec.Database?.SizeGi, spec.Database is null);
        CheckSize(errors, prefix + "storage", spec.Storage?.SizeGi, spec.Storage is null);
        if (spec.RetentionPolicy is { } policy && !RetentionPolicies.All.Contains(policy))
            errors.Add(FieldError.Unsupported(prefix + "retentionPolicy", policy, RetentionPolicies.All));
        return errors;
    }

    private static void CheckSize(List<FieldError> errors, string field, int? size, bool missing)
    {
        if (missing) errors.Add(FieldError.MissingRequired(field));
        else if (size is null) errors.Add(FieldError.MissingRequired(field + ".sizeGi"));
        else if (size <= 0) errors.Add(new FieldError(field + ".sizeGi", $"must be greater than 0 (it is {size})"));
        else if (size > MaxSizeGi) errors.Add(new FieldError(field + ".sizeGi", $"must be at most {MaxSizeGi} (it is {size})"));
    }
}
