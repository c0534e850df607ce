using Microsoft.AspNetCore.Http;

namespace Fleetdeck.Server.KubeApi;

/// <summary>Dispatches a resource request to the verb it is: get, list, watch, create, update, patch, delete, deletecollection.</summary>
internal sealed class ResourceHandler(KubeApiService api)
{
    private readonly ReadHandler _read = new(api);
    private readonly WatchHandler _watch = new(api);
    private readonly WriteHandler _write = new(api);
    private readonly PatchHandler _patch = new(api);
    private readonly DeleteHandler _delete = new(api);

    public Task HandleAsync(ResourceRequest request)
    {
        var method = request.Http.Request.Method;
        var allNamespaces = request.Kind.Namespaced && request.Namespace is null;
        if (request.Name is null)
        {
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
                return request.Query.Bool("watch") ? _watch.WatchAsync(request) : _read.ListAsync(request);
            if (HttpMethods.IsPost(method) && !allNamespaces) return _write.CreateAsync(request);
            if (HttpMethods.IsDelete(method) && !allNamespaces) return _delete.DeleteCollectionAsync(request);
            throw ApiException.MethodNotAllowed();
        }

        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) return _read.GetAsync(request);
        if (HttpMethods.IsPut(method)) return _write.UpdateAsync(request);
        if (HttpMethods.IsPatch(method)) return _patch.PatchAsync(request);
        if (HttpMethods.IsDelete(method) && !request.IsStatus) return _delete.DeleteAsync(request);
        throw ApiException.MethodNotAllowed();
    }
}
