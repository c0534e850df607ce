using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Kubernetes.Store;

/// <summary>
/// <see cref="IObjectStore"/> over a Kubernetes API server, through one generic REST path for every kind (built-in
/// or custom), with JSON in Fleetdeck's conventions. Errors come back as the same exceptions the embedded store throws.
/// </summary>
public sealed class KubernetesObjectStore(KubeConnection connection, KindRegistry kinds) : IObjectStore
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public KindRegistry Kinds => kinds;

    public KubeConnection Connection => connection;

    public async Task<IKubernetesObject<V1ObjectMeta>?> GetAsync(ResourceKind kind, string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ResourcePaths.For(kind, @namespace, name));
        try
        {
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            return await ReadObjectAsync(kind, response, cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException e) when (e.DetailsName == name)
        {
            // The object is absent; a 404 without our name means the server does not serve the kind at all.
            return null;
        }
    }

    public async Task<ObjectList> ListAsync(ResourceKind kind, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions();
        var query = ResourcePaths.Query(
            ("labelSelector", options.LabelSelector.IsEmpty ? null : options.LabelSelector.ToString()),
            ("fieldSelector", options.FieldSelector.IsEmpty ? null : options.FieldSelector.ToString()),
            ("limit", options.Limit > 0 ? options.Limit.ToString(CultureInfo.InvariantCulture) : null),
            ("continue", options.Continue));
        using var request = new HttpRequestMessage(HttpMethod.Get, ResourcePaths.For(kind, options.Namespace) + query);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var list = await ReadNodeAsync(response, cancellationToken).ConfigureAwait(false);
        var items = (list["items"] as JsonArray ?? []).OfType<JsonObject>().Select(item => Materialize(kind, item)).ToList();
        var meta = list["metadata"] as JsonObject;
        var next = meta?["continue"]?.GetValue<string>();
        return new ObjectList(items, meta?["resourceVersion"]?.GetValue<string>() ?? "", string.IsNullOrEmpty(next) ? null : next);
    }

    public Task<T> CreateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta> =>
        WriteAsync(HttpMethod.Post, obj, name: null, subresource: null, cancellationToken);

    public Task<T> UpdateAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta> =>
        WriteAsync(HttpMethod.Put, obj, obj.Metadata.Name, subresource: null, cancellationToken);

    public Task<T> UpdateStatusAsync<T>(T obj, CancellationToken cancellationToken = default) where T : IKubernetesObject<V1ObjectMeta> =>
        WriteAsync(HttpMethod.Put, obj, obj.Metadata.Name, "status", cancellationToken);

    public async Task<DeleteResult> DeleteAsync(ResourceKind kind, string? @namespace, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DeleteOptions();
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "DeleteOptions",
            ["propagationPolicy"] = options.Propagation.ToString(),
        };
        if (options.PreconditionUid is not null || options.PreconditionResourceVersion is not null)
        {
            var preconditions = new JsonObject();
            if (options.PreconditionUid is not null) preconditions["uid"] = options.PreconditionUid;
            if (options.PreconditionResourceVersion is not null) preconditions["resourceVersion"] = options.PreconditionResourceVersion;
            body["preconditions"] = preconditions;
        }

        using var request = new HttpRequestMessage(HttpMethod.Delete, ResourcePaths.For(kind, @namespace, name))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, Json),
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var node = await ReadNodeAsync(response, cancellationToken).ConfigureAwait(false);
        if (node["kind"]?.GetValue<string>() == "Status")
        {
            // Some kinds answer a finished delete with a Status, not the object: describe what went.
            var gone = (IKubernetesObject<V1ObjectMeta>)Activator.CreateInstance(kind.ClrType)!;
            gone.ApiVersion = kind.ApiVersion;
            gone.Kind = kind.Kind;
            gone.Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace };
            return new DeleteResult(gone, Pending: false);
        }
        var obj = Materialize(kind, node);
        var pending = obj.Metadata.DeletionTimestamp is not null && obj.Metadata.Finalizers is { Count: > 0 };
        return new DeleteResult(obj, pending);
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceKind kind, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new WatchOptions();
        var query = ResourcePaths.Query(
            ("watch", "true"),
            ("resourceVersion", options.ResourceVersion),
            ("allowWatchBookmarks", options.AllowBookmarks ? "true" : null),
            ("labelSelector", options.LabelSelector.IsEmpty ? null : options.LabelSelector.ToString()),
            ("fieldSelector", options.FieldSelector.IsEmpty ? null : options.FieldSelector.ToString()));
        using var request = new HttpRequestMessage(HttpMethod.Get, ResourcePaths.For(kind, options.Namespace) + query);
        using var response = await SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            var e = JsonNode.Parse(line) as JsonObject ?? throw new StoreException(500, "InternalError", "the watch sent a line that is not a JSON object");
            var type = e["type"]?.GetValue<string>();
            var obj = e["object"] as JsonObject ?? [];
            switch (type)
            {
                case "ADDED": yield return new WatchEvent(WatchEventType.Added, Materialize(kind, obj)); break;
                case "MODIFIED": yield return new WatchEvent(WatchEventType.Modified, Materialize(kind, obj)); break;
                case "DELETED": yield return new WatchEvent(WatchEventType.Deleted, Materialize(kind, obj)); break;
                case "BOOKMARK": yield return new WatchEvent(WatchEventType.Bookmark, Materialize(kind, obj)); break;
                case "ERROR": throw StatusErrors.FromStatus(obj, 500);
                default: throw new StoreException(500, "InternalError", $"the watch sent an unknown event type \"{type}\"");
            }
        }
    }

    private async Task<T> WriteAsync<T>(HttpMethod method, T obj, string? name, string? subresource, CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var kind = this.KindOf(obj);
        var ns = kind.Namespaced ? obj.Metadata.NamespaceProperty : null;
        if (kind.Namespaced && string.IsNullOrEmpty(ns))
            throw new BadRequestException($"{kind.Kind} {obj.Metadata.Name}: metadata.namespace is required for a namespaced kind");
        var node = ObjectJson.ToNode(obj);
        node["apiVersion"] = kind.ApiVersion;
        node["kind"] = kind.Kind;
        using var request = new HttpRequestMessage(method, ResourcePaths.For(kind, ns, name, subresource))
        {
            Content = new StringContent(node.ToJsonString(), Encoding.UTF8, Json),
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return (T)await ReadObjectAsync(kind, response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await connection.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new StoreException(503, "ServiceUnavailable", $"cannot reach the API server at {connection.BaseUri}: {e.Message}", inner: e);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
            throw await StatusErrors.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonObject> ReadNodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text) as JsonObject ?? throw new StoreException(500, "InternalError", "the API server answered with something other than a JSON object");
    }

    private static async Task<IKubernetesObject<V1ObjectMeta>> ReadObjectAsync(ResourceKind kind, HttpResponseMessage response, CancellationToken cancellationToken) =>
        Materialize(kind, await ReadNodeAsync(response, cancellationToken).ConfigureAwait(false));

    private static IKubernetesObject<V1ObjectMeta> Materialize(ResourceKind kind, JsonObject node)
    {
        // List items and some answers omit apiVersion and kind; they are known from the request.
        node["apiVersion"] ??= kind.ApiVersion;
        node["kind"] ??= kind.Kind;
        try
        {
            return (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(node, kind.ClrType);
        }
        catch (JsonException e)
        {
            throw new StoreException(500, "InternalError", $"the API server's {kind.Kind} does not match Fleetdeck's type: {e.Message}", inner: e);
        }
    }
}
