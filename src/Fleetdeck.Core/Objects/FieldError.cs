namespace Fleetdeck.Core.Objects;

/// <summary>One problem with one field, named by its path (<c>spec.domain</c>), as in a Kubernetes <c>StatusCause</c>.</summary>
public sealed record FieldError(string Field, string Message, string Reason = FieldError.Invalid)
{
    public const string Invalid = "FieldValueInvalid";
    public const string Required = "FieldValueRequired";
    public const string NotSupported = "FieldValueNotSupported";
    public const string Forbidden = "FieldValueForbidden";
    public const string Duplicate = "FieldValueDuplicate";

    public static FieldError MissingRequired(string field) => new(field, "Required value", Required);

    public static FieldError Unsupported(string field, string value, IEnumerable<string> allowed) =>
        new(field, $"Unsupported value: \"{value}\": supported values: {string.Join(", ", allowed.Select(a => $"\"{a}\""))}", NotSupported);

    public override string ToString() => $"{Field}: {Message}";
}
