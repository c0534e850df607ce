using System.Globalization;
using Fleetdeck.Core.Objects;
using Microsoft.AspNetCore.Http;

namespace Fleetdeck.Server.KubeApi;

/// <summary>The query parameters of the Kubernetes API, parsed and checked as the API server checks them.</summary>
internal sealed class QueryParameters(IQueryCollection query)
{
    public string? String(string name) => query.TryGetValue(name, out var values) ? values.ToString() : null;

    public bool Bool(string name)
    {
        var value = String(name);
        return value switch
        {
            null or "" or "false" or "0" or "False" => false,
            "true" or "1" or "True" => true,
            _ => throw ApiException.BadRequest($"invalid boolean value for {name}: \"{value}\""),
        };
    }

    public long? Long(string name)
    {
        var value = String(name);
        if (string.IsNullOrEmpty(value)) return null;
        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw ApiException.BadRequest($"invalid value for {name}: \"{value}\" is not an integer");
    }

    public LabelSelector LabelSelector()
    {
        try
        {
            return Core.Objects.LabelSelector.Parse(String("labelSelector"));
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest($"unable to parse requirement: {e.Message}");
        }
    }

    public FieldSelector FieldSelector()
    {
        try
        {
            return Core.Objects.FieldSelector.Parse(String("fieldSelector"));
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest(e.Message);
        }
    }

    /// <summary>The <c>resourceVersion</c> parameter: empty, or an integer (what this server hands out).</summary>
    public string? ResourceVersion()
    {
        var value = String("resourceVersion");
        if (string.IsNullOrEmpty(value)) return null;
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw ApiException.BadRequest($"invalid resource version \"{value}\": must be a non-negative integer");
        return value;
    }

    public bool DryRun() => DryRun(query.TryGetValue("dryRun", out var values) ? values.Select(v => v ?? "") : []);

    public static bool DryRun(IEnumerable<string> values)
    {
        var all = false;
        foreach (var value in values)
        {
            if (value != "All")
                throw ApiException.BadRequest($"Invalid dry run value: dryRun: Unsupported value: \"{value}\": supported values: \"All\"");
            all = true;
        }
        return all;
    }

    public FieldValidation FieldValidation() => String("fieldValidation") switch
    {
        null or "" or "Warn" => KubeApi.FieldValidation.Warn,
        "Strict" => KubeApi.FieldValidation.Strict,
        "Ignore" => KubeApi.FieldValidation.Ignore,
        var other => throw ApiException.BadRequest($"fieldValidation: Unsupported value: \"{other}\": supported values: \"Ignore\", \"Strict\", \"Warn\""),
    };
}
