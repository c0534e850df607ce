using System.CommandLine;

namespace Fleetdeck.Cli.Options;

/// <summary>
/// An http(s) URL, from any form people type: <c>http://prometheus:9090</c>, with or without a trailing slash or a path,
/// or just <c>prometheus:9090</c> (then http). The value always ends with <c>/</c>, so relative paths resolve under it.
/// </summary>
internal static class UrlOption
{
    public static Option<Uri?> Create(string name, string description, string example) => new(name)
    {
        Description = description,
        HelpName = "url",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (TryParse(text, out var url)) return url;
            result.AddError($"{name} \"{text}\" is not an http(s) URL such as {example}");
            return null;
        },
    };

    public static bool TryParse(string? text, out Uri? url)
    {
        url = null;
        text = text?.Trim() ?? "";
        if (text.Length == 0 || text.Any(char.IsWhiteSpace)) return false;
        // "prometheus:9090" would parse as scheme "prometheus": a URL without "://" is a host (and port).
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.Host.Length == 0) return false;
        url = parsed.AbsoluteUri.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/");
        return true;
    }
}
