using System.Text;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using k8s;
using Microsoft.AspNetCore.Http.Features;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// <c>?watch=true</c>: newline-delimited <c>{"type":...,"object":...}</c> events, each flushed as it happens. A version older
/// than the kept history ends the stream with an <c>ERROR</c> event carrying a 410 <c>Expired</c> Status, as the API server does.
/// </summary>
internal sealed class WatchHandler(KubeApiService api)
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public async Task WatchAsync(ResourceRequest request)
    {
        var format = request.Output();
        if (format.Yaml) throw ApiException.NotAcceptable("application/json");
        var query = request.Query;
        if (query.String("sendInitialEvents") is not null)
        {
            throw ApiException.Invalid("ListOptions", "meta.k8s.io", "",
                [new FieldError("sendInitialEvents", "Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled", FieldError.Forbidden)]);
        }
        var options = new WatchOptions
        {
            Namespace = request.Namespace,
            LabelSelector = query.LabelSelector(),
            FieldSelector = query.FieldSelector(),
            ResourceVersion = query.ResourceVersion(),
            AllowBookmarks = query.Bool("allowWatchBookmarks"),
        };
        var timeout = query.Long("timeoutSeconds") is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : api.Options.DefaultWatchTimeout;
        var tables = format.Shape == OutputShape.Table ? TableBuilder.For(request, format, api.Options.Time) : null;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted, api.Stopping);
        stop.CancelAfter(timeout);
        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = format.ContentType;
        request.Http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(stop.Token);
        await response.Body.FlushAsync(stop.Token);

        var faults = api.Options.Faults;
        var target = request.FaultTarget();
        using var tracked = faults?.Track(target, request.Http);
        if (faults is not null && await InjectAsync(faults, target, request, stop)) return;

        var first = true;
        try
        {
            await foreach (var change in api.Store.WatchAsync(request.Kind, options, stop.Token))
            {
                var obj = change.Type == WatchEventType.Bookmark ? Bookmark(request, change) : Shape(ObjectJson.ToNode(change.Object), format, tables, ref first);
                await WriteEventAsync(request, Type(change.Type), obj, stop.Token);
            }
            KubeApiLog.WatchEnded(api.Logger, request.Kind.Key, "the store closed the watch");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            KubeApiLog.WatchEnded(api.Logger, request.Kind.Key, request.Aborted.IsCancellationRequested ? "the client left" : "timeout or shutdown");
        }
        catch (StoreException error)
        {
            KubeApiLog.WatchEnded(api.Logger, request.Kind.Key, error.Reason);
            await WriteEventAsync(request, "ERROR", StatusBody.Failure(error.Code, error.Reason, error.Message, null), request.Aborted);
        }
    }

    /// <summary>Serves an injected watch fault, if one is armed: a watch that never sends anything, or one that has expired.</summary>
    private async Task<bool> InjectAsync(Faults.KubeApiFaults faults, Faults.FaultTarget target, ResourceRequest request, CancellationTokenSource stop)
    {
        if (faults.TakeExpiry(target))
        {
            KubeApiLog.WatchEnded(api.Logger, request.Kind.Key, "injected expiry");
            await WriteEventAsync(request, "ERROR", StatusBody.Failure(410, "Expired", "too old resource version (injected)", null), request.Aborted);
            return true;
        }
        if (!faults.TakeStall(target)) return false;
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            KubeApiLog.WatchEnded(api.Logger, request.Kind.Key, "injected stall ended");
        }
        return true;
    }

    private static JsonObject Shape(JsonObject obj, OutputFormat format, TableBuilder? tables, ref bool first)
    {
        switch (format.Shape)
        {
            case OutputShape.Table:
                var table = tables!.Build([obj], null, null, withColumns: first);
                first = false;
                return table;
            case OutputShape.Metadata:
                return PartialObjectMetadata.From(obj, format.MetaVersion);
            default:
                return obj;
        }
    }

    private static JsonObject Bookmark(ResourceRequest request, WatchEvent change) => new()
    {
        ["kind"] = request.Kind.Kind,
        ["apiVersion"] = request.Kind.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = change.ResourceVersion },
    };

    private static string Type(WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        WatchEventType.Deleted => "DELETED",
        WatchEventType.Bookmark => "BOOKMARK",
        _ => "ERROR",
    };

    private static async Task WriteEventAsync(ResourceRequest request, string type, JsonObject obj, CancellationToken cancellationToken)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString(ObjectJson.Options);
        var body = request.Http.Response.Body;
        await body.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
        await body.WriteAsync(Newline, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }
}
