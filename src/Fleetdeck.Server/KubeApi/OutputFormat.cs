namespace Fleetdeck.Server.KubeApi;

/// <summary>What a read answers with, negotiated from the <c>Accept</c> header.</summary>
internal enum OutputShape
{
    /// <summary>The objects themselves.</summary>
    Object,

    /// <summary>A <c>meta.k8s.io Table</c>, as <c>kubectl get</c> asks for.</summary>
    Table,

    /// <summary><c>PartialObjectMetadata</c>: the objects' metadata only.</summary>
    Metadata,
}

/// <summary>The negotiated response format: JSON or YAML, and which shape, with the <c>meta.k8s.io</c> version asked for.</summary>
internal sealed record OutputFormat(OutputShape Shape, bool Yaml = false, string MetaVersion = "v1")
{
    public static OutputFormat Json { get; } = new(OutputShape.Object);

    private const string Accepted = "application/json, application/yaml";

    /// <summary>The first range of the header the façade can serve; <paramref name="transforms"/> is false for non-resource answers.</summary>
    public static OutputFormat Negotiate(string? accept, bool transforms)
    {
        var ranges = MediaType.ParseAll(accept);
        if (ranges.Count == 0) return Json;
        foreach (var range in ranges)
        {
            var json = range.Is("application/json") || range.Is("application/*") || range.Is("*/*");
            var yaml = range.Is("application/yaml");
            if (!json && !yaml) continue;
            var @as = range.Parameter("as");
            if (@as is null) return new OutputFormat(OutputShape.Object, yaml);
            if (!transforms || yaml || range.Parameter("g") != "meta.k8s.io" || range.Parameter("v") is not ("v1" or "v1beta1")) continue;
            var version = range.Parameter("v")!;
            switch (@as)
            {
                case "Table":
                    return new OutputFormat(OutputShape.Table, MetaVersion: version);
                case "PartialObjectMetadata" or "PartialObjectMetadataList":
                    return new OutputFormat(OutputShape.Metadata, MetaVersion: version);
            }
        }
        throw ApiException.NotAcceptable(Accepted);
    }

    public string ContentType => Yaml ? "application/yaml"
        : Shape switch
        {
            OutputShape.Table => $"application/json;as=Table;v={MetaVersion};g=meta.k8s.io",
            _ => "application/json",
        };
}
