using Fleetdeck.Core.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// The one entry point of the façade: authenticates, routes the URL (discovery, OpenAPI, resources), and turns every
/// failure into a Kubernetes <c>Status</c>. An unexpected exception is logged and answered as a bare 500.
/// </summary>
internal sealed class KubeApiRouter(KubeApiService api)
{
    private readonly ResourceHandler _resources = new(api);
    private readonly BearerToken? _token = api.Options.BearerToken is { Length: > 0 } token ? new BearerToken(token) : null;

    public async Task HandleAsync(HttpContext http)
    {
        ResourceRequest? resource = null;
        try
        {
            var segments = http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (segments is ["healthz" or "livez" or "readyz"])
            {
                await WriteTextAsync(http, "ok");
                return;
            }
            if (_token is not null && !_token.Accepts(http.Request))
            {
                KubeApiLog.Unauthorized(api.Logger, http.Request.Method, http.Request.Path);
                throw ApiException.Unauthorized();
            }

            resource = Route(http, segments, out var discovery);
            if (discovery is not null)
            {
                if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) throw ApiException.MethodNotAllowed();
                OutputFormat.Negotiate(http.Request.Headers.Accept.ToString(), transforms: false);
                await ResponseWriter.WriteAsync(http, 200, discovery);
                return;
            }
            if (resource is null) throw ApiException.NotFoundPath();
            if (api.Options.Faults?.TakeFailure(resource.FaultTarget(), http.Response) is { } injected) throw injected;
            await _resources.HandleAsync(resource);
        }
        catch (Exception e) when (http.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The client went away.
        }
        catch (Exception e)
        {
            var status = ToStatus(e, resource);
            if (status is null)
            {
                KubeApiLog.Unexpected(api.Logger, e, http.Request.Method, http.Request.Path);
                status = new ApiException(500, "InternalError", "Internal error occurred: an unexpected error occurred; the server log has the details");
            }
            if (http.Response.HasStarted)
            {
                http.Abort();
                return;
            }
            http.Response.Headers.Remove("Warning");
            await ResponseWriter.WriteAsync(http, status.Code, StatusBody.Failure(status));
        }
        finally
        {
            KubeApiLog.Request(api.Logger, http.Request.Method, http.Request.Path, http.Response.StatusCode);
        }
    }

    private ResourceRequest? Route(HttpContext http, string[] segments, out System.Text.Json.Nodes.JsonObject? discovery)
    {
        discovery = null;
        switch (segments)
        {
            case ["version"]:
                discovery = Discovery.Version();
                return null;
            case ["api"]:
                discovery = api.Discovery.ApiVersions($"{http.Request.Host}");
                return null;
            case ["apis"]:
                discovery = api.Discovery.GroupList();
                return null;
            case ["apis", var group]:
                discovery = api.Discovery.Group(group) ?? throw ApiException.NotFoundPath();
                return null;
            case ["api", var version]:
                discovery = api.Discovery.ResourceList("", version) ?? throw ApiException.NotFoundPath();
                return null;
            case ["apis", var group, var version]:
                discovery = api.Discovery.ResourceList(group, version) ?? throw ApiException.NotFoundPath();
                return null;
            case ["openapi", "v3"]:
                discovery = api.OpenApi.Index();
                return null;
            case ["openapi", "v3", .. var document]:
                discovery = api.OpenApi.Document(string.Join('/', document)) ?? throw ApiException.NotFoundPath();
                return null;
            case ["api", var version, .. var rest]:
                return Resource(http, "", version, rest);
            case ["apis", var group, var version, .. var rest]:
                return Resource(http, group, version, rest);
            default:
                return null;
        }
    }

    private ResourceRequest? Resource(HttpContext http, string group, string version, string[] rest)
    {
        var path = ResourcePath.Parse(group, version, rest);
        if (path is null) return null;
        var kind = api.Store.Kinds.FindByPlural(group, version, path.Plural);
        if (kind is null) return null;
        if (path.Namespace is not null && !kind.Namespaced) return null;
        if (path.Namespace is null && kind.Namespaced && path.Name is not null) return null;
        if (path.Subresource is not null && !(path.Subresource == "status" && kind.HasStatus)) return null;
        return new ResourceRequest(http, kind, path.Namespace, path.Name, path.Subresource);
    }

    /// <summary>The Status for a failure, or null when it is not one the client caused or the store reported.</summary>
    private static ApiException? ToStatus(Exception e, ResourceRequest? request) => e switch
    {
        ApiException api => api,
        InvalidObjectException invalid when request is not null =>
            new ApiException(422, invalid.Reason, invalid.Message, new StatusDetails(request.Name ?? request.BodyName, request.Kind.Group, request.Kind.Kind, invalid.Causes)),
        StoreException { Code: 404 or 409 } store when request is not null =>
            new ApiException(store.Code, store.Reason, store.Message, request.ResourceDetails()),
        StoreException store => new ApiException(store.Code, store.Reason, store.Message),
        BadHttpRequestException { StatusCode: 413 } => new ApiException(413, "RequestEntityTooLarge", e.Message),
        BadHttpRequestException bad => ApiException.BadRequest(bad.Message),
        _ => null,
    };

    private static async Task WriteTextAsync(HttpContext http, string text)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(text, http.RequestAborted);
    }
}
