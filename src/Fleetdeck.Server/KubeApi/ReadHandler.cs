using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Server.KubeApi;

/// <summary>GET of one object and of lists, as objects, a Table, or PartialObjectMetadata.</summary>
internal sealed class ReadHandler(KubeApiService api)
{
    public async Task GetAsync(ResourceRequest request)
    {
        var format = request.Output();
        var obj = await api.Store.GetAsync(request.Kind, request.Namespace, request.Name!, request.Aborted)
            ?? throw new NotFoundException($"{request.Kind.Key} \"{request.Name}\" not found");
        var node = ObjectJson.ToNode(obj);
        JsonObject body = format.Shape switch
        {
            OutputShape.Table => TableBuilder.For(request, format, api.Options.Time).Build([node], null, null),
            OutputShape.Metadata => PartialObjectMetadata.From(node, format.MetaVersion),
            _ => node,
        };
        await ResponseWriter.WriteAsync(request.Http, 200, body, format);
    }

    public async Task ListAsync(ResourceRequest request)
    {
        var format = request.Output();
        var query = request.Query;
        var limit = query.Long("limit") ?? 0;
        var options = new ListOptions
        {
            Namespace = request.Namespace,
            LabelSelector = query.LabelSelector(),
            FieldSelector = query.FieldSelector(),
            Limit = (int)Math.Clamp(limit, 0, int.MaxValue),
            Continue = query.String("continue") is { Length: > 0 } token ? token : null,
        };
        // A list always answers from the latest state: it is at least as new as any resourceVersion a client can name.
        query.ResourceVersion();
        var list = await api.Store.ListAsync(request.Kind, options, request.Aborted);
        var items = list.Items.Select(ObjectJson.ToNode).ToList();
        var metadata = new JsonObject { ["resourceVersion"] = list.ResourceVersion };
        if (list.Continue is not null) metadata["continue"] = list.Continue;
        JsonObject body = format.Shape switch
        {
            OutputShape.Table => TableBuilder.For(request, format, api.Options.Time).Build(items, list.ResourceVersion, list.Continue),
            OutputShape.Metadata => PartialObjectMetadata.List(items, format.MetaVersion, metadata),
            _ => new JsonObject
            {
                ["kind"] = $"{request.Kind.Kind}List",
                ["apiVersion"] = request.Kind.ApiVersion,
                ["metadata"] = metadata,
                ["items"] = new JsonArray([.. items]),
            },
        };
        await ResponseWriter.WriteAsync(request.Http, 200, body, format);
    }
}
