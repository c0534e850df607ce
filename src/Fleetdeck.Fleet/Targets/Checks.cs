using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Fleetdeck.Fleet.Targets;

/// <summary>Field checks shared by the target readers; each adds one error naming the field and the fix.</summary>
internal static partial class Checks
{
    public static void Required(SpecReader reader, string field, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value)) reader.Error(field, $"required: set {what}");
    }

    public static void DnsLabel(SpecReader reader, string field, string? value)
    {
        if (value is not null && !DnsLabelPattern().IsMatch(value))
            reader.Error(field, $"\"{value}\" is not a DNS label: use lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit");
    }

    public static void Domain(SpecReader reader, string field, string? value)
    {
        if (value is not null && (value.Length > 253 || !value.Split('.').All(DnsLabelPattern().IsMatch) || !value.Contains('.', StringComparison.Ordinal)))
            reader.Error(field, $"\"{value}\" is not a domain name: use a lower-case name such as acme.example.com");
    }

    public static void Range(SpecReader reader, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max)) reader.Error(field, $"{v} is out of range: use {min} to {max}");
    }

    public static void MinNotAboveMax(SpecReader reader, string minField, int? min, string maxField, int? max)
    {
        if (min is { } a && max is { } b && a > b) reader.Error(minField, $"{a} is above {maxField.Split('.')[^1]} ({b}): lower it or raise the maximum");
    }

    public static void OneOf(SpecReader reader, string field, string? value, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            reader.Error(field, $"\"{value}\" is not supported: use one of {string.Join(", ", allowed)}");
    }

    public static void Pattern(SpecReader reader, string field, string? value, Regex pattern, string what)
    {
        if (value is not null && !pattern.IsMatch(value)) reader.Error(field, $"\"{value}\" is not {what}");
    }

    public static void Cidr(SpecReader reader, string field, string? value)
    {
        if (value is null) return;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(value[..slash], out var address)
            || !int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            || bits > (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32))
            reader.Error(field, $"\"{value}\" is not a CIDR block: use e.g. 10.0.0.0/16");
    }

    public static void IpOrCidr(SpecReader reader, string field, string? value)
    {
        if (value is null) return;
        if (value.Contains('/', StringComparison.Ordinal)) Cidr(reader, field, value);
        else if (!IPAddress.TryParse(value, out _)) reader.Error(field, $"\"{value}\" is not an IP address");
    }

    public static void Url(SpecReader reader, string field, string? value, params string[] schemes)
    {
        if (value is not null && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme)))
            reader.Error(field, $"\"{value}\" is not an absolute {string.Join(" or ", schemes)} URL");
    }

    public static void Unique(SpecReader reader, string field, IReadOnlyList<string?>? values, string what)
    {
        if (values is null) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
            if (values[i] is { } v && !seen.Add(v)) reader.Error($"{field}[{i}]", $"{what} \"{v}\" is listed twice: remove one");
    }

    public static void Guid(SpecReader reader, string field, string? value)
    {
        if (value is not null && !System.Guid.TryParseExact(value, "D", out _)) reader.Error(field, $"\"{value}\" is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    public static partial Regex DnsLabelPattern();

    [GeneratedRegex("^[0-9]{12}$")]
    public static partial Regex AwsAccount();

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$")]
    public static partial Regex AwsRegion();

    [GeneratedRegex("^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{0,12}:.+$")]
    public static partial Regex Arn();

    [GeneratedRegex("^Z[A-Z0-9]{1,32}$")]
    public static partial Regex HostedZone();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+){1,2}$")]
    public static partial Regex Version();

    [GeneratedRegex("^[a-z][a-z0-9]{0,11}$")]
    public static partial Regex AzurePoolName();

    [GeneratedRegex("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    public static partial Regex ClockTime();
}
