namespace Fleetdeck.Server.KubeApi;

/// <summary>One media range of an <c>Accept</c> or <c>Content-Type</c> header: <c>application/json;as=Table;v=v1;g=meta.k8s.io</c>.</summary>
internal sealed record MediaType(string Type, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    public bool Is(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    public static MediaType? ParseOne(string? header) =>
        string.IsNullOrWhiteSpace(header) ? null : ParseAll(header).FirstOrDefault();

    public static IReadOnlyList<MediaType> ParseAll(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return [];
        var result = new List<MediaType>();
        foreach (var range in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries);
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in parts.Skip(1))
            {
                var eq = parameter.IndexOf('=');
                if (eq > 0) parameters[parameter[..eq].Trim()] = parameter[(eq + 1)..].Trim().Trim('"');
            }
            result.Add(new MediaType(parts[0].ToLowerInvariant(), parameters));
        }
        return result;
    }
}
