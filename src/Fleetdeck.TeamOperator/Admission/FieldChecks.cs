using System.Text.RegularExpressions;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Admission;

/// <summary>Collects field errors with kube-apiserver wording: the path, the value, and the allowed values.</summary>
internal sealed partial class FieldChecks
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public void Add(FieldError error) => _errors.Add(error);

    public void Required(string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) _errors.Add(FieldError.MissingRequired(path));
    }

    /// <summary>An enumerated string; null and (when listed) "" are accepted.</summary>
    public void OneOf(string path, string? value, params string[] allowed)
    {
        if (value is null || allowed.Contains(value, StringComparer.Ordinal)) return;
        _errors.Add(FieldError.Unsupported(path, value, allowed));
    }

    public void Range(string path, int? value, int min, int max)
    {
        if (value is null) return;
        if (value < min) _errors.Add(new FieldError(path, $"Invalid value: {value}: should be greater than or equal to {min}"));
        else if (value > max) _errors.Add(new FieldError(path, $"Invalid value: {value}: should be less than or equal to {max}"));
    }

    public void Minimum(string path, int? value, int min) => Range(path, value, min, int.MaxValue);

    public void Pattern(string path, string? value, Regex pattern, string described)
    {
        if (string.IsNullOrEmpty(value) || pattern.IsMatch(value)) return;
        _errors.Add(new FieldError(path, $"Invalid value: \"{value}\": should match '{described}'"));
    }

    public void Label(string path, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (ObjectNames.ValidateLabel(value) is { } problem) _errors.Add(new FieldError(path, $"Invalid value: \"{value}\": {problem}"));
    }

    public void Subdomain(string path, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (ObjectNames.ValidateSubdomain(value) is { } problem) _errors.Add(new FieldError(path, $"Invalid value: \"{value}\": {problem}"));
    }

    public void MaxBytes(string path, string? value, int max)
    {
        if (value is null) return;
        var bytes = System.Text.Encoding.UTF8.GetByteCount(value);
        if (bytes > max) _errors.Add(new FieldError(path, $"Too long: may not be more than {max} bytes (is {bytes})", "FieldValueTooLong"));
    }

    public void Forbidden(string path, string message) => _errors.Add(new FieldError(path, $"Forbidden: {message}", FieldError.Forbidden));

    [GeneratedRegex(@"^(0(\.[0-9]+)?|1(\.0+)?)$")]
    public static partial Regex Ratio();

    [GeneratedRegex(@"^postgres.+@.+/.+")]
    public static partial Regex PostgresUrl();
}
