using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Kubernetes.Store;

/// <summary>
/// <see cref="IObjectStore"/> over a Kubernetes API server, through one generic REST path for every kind (built-in or
/// custom), with JSON in Fleetdeck's conventions; status goes through the <c>/status</c> subresource. Errors come back
/// as the same exceptions the embedded store throws, so callers cannot tell the backends apart.
/// <para>
/// One call is made resilient here (deadlines, retries where safe: see <see cref="KubernetesStoreOptions"/>); keeping a
/// watch alive across calls (resume from the last version, re-list on 410, reconnect with backoff, restart a silent
/// watch) is the informer's job, and a failed write is the controller's to retry with backoff.
/// </para>
/// </summary>
public sealed class KubernetesObjectStore : IObjectStore
{
    private readonly KubeConnection _connection;
    private readonly KubernetesStoreOptions _options;
    private readonly ApiCaller _caller;
    private readonly ILogger _logger;

    public KubernetesObjectStore(KubeConnection connection, KindRegistry kinds, KubernetesStoreOptions? options = null, ILogger? logger = null)
    {
        _connection = connection;
        _options = options ?? new KubernetesStoreOptions();
        _caller = new ApiCaller(connection, _options);
        _logger = logger ?? NullLogger.Instance;
        Kinds = kinds;
    }

    public KindRegistry Kinds { get; }

    public KubeConnection Connection => _connection;

    public async Task<IKubernetesObject<V1ObjectMeta>?> GetAsync(ResourceKind kind, string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _caller.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, ResourcePaths.For(kind, @namespace, name)),
                idempotent: true, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            return Materialize(kind, await ReadNodeAsync(response, cancellationToken).ConfigureAwait(false));
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
        var path = ResourcePaths.For(kind, options.Namespace) + query;
        using var response = await _caller.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path),
            idempotent: true, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var list = await ReadNodeAsync(response, cancellationToken).ConfigureAwait(false);
        var items = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
            if (TryMaterialize(kind, item) is { } obj) items.Add(obj);
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
        var text = body.ToJsonString();
        var path = ResourcePaths.For(kind, @namespace, name);
        using var response = await _caller.SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, path) { Content = JsonContent(text) },
            idempotent: false, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
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
            ("fieldSelector", options.FieldSelector.IsEmpty ? null : options.FieldSelector.ToString()),
            ("timeoutSeconds", WatchTimeoutSeconds().ToString(CultureInfo.InvariantCulture)));
        var path = ResourcePaths.For(kind, options.Namespace) + query;
        using var response = await _caller.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path),
            idempotent: true, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var reader = new WatchLineReader(stream);
        while (await reader.NextAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            JsonObject e;
            try
            {
                e = JsonNode.Parse(line.Span) as JsonObject ?? throw new JsonException("not a JSON object");
            }
            catch (JsonException error)
            {
                throw new StoreException(500, "InternalError", $"the watch of {kind.Key} sent an event that is not JSON: {error.Message}", inner: error);
            }
            var type = e["type"]?.GetValue<string>();
            var obj = e["object"] as JsonObject ?? [];
            var eventType = type switch
            {
                "ADDED" => WatchEventType.Added,
                "MODIFIED" => WatchEventType.Modified,
                "DELETED" => WatchEventType.Deleted,
                "BOOKMARK" => WatchEventType.Bookmark,
                "ERROR" => throw StatusErrors.FromStatus(obj, 500),
                _ => throw new StoreException(500, "InternalError", $"the watch of {kind.Key} sent an unknown event type \"{type}\""),
            };
            if (TryMaterialize(kind, obj) is { } typed) yield return new WatchEvent(eventType, typed);
        }
    }

    /// <summary>Seconds a watch may run on the server: random in [min, 2 min).</summary>
    private long WatchTimeoutSeconds()
    {
        var min = Math.Max(1, _options.MinWatchTimeout.TotalSeconds);
        return (long)(min * (1 + (_options.Jitter ?? Random.Shared.NextDouble)()));
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
        var text = node.ToJsonString();
        var path = ResourcePaths.For(kind, ns, name, subresource);
        using var response = await _caller.SendAsync(() => new HttpRequestMessage(method, path) { Content = JsonContent(text) },
            idempotent: false, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return (T)Materialize(kind, await ReadNodeAsync(response, cancellationToken).ConfigureAwait(false));
    }

    private static StringContent JsonContent(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> ReadNodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(bytes) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw new StoreException(500, "InternalError", $"the API server answered with something other than a JSON object: {e.Message}", inner: e);
        }
    }

    private static IKubernetesObject<V1ObjectMeta> Materialize(ResourceKind kind, JsonObject node)
    {
        // List items and some answers omit apiVersion and kind; they are known from the request.
        node["apiVersion"] ??= kind.ApiVersion;
        node["kind"] ??= kind.Kind;
        try
        {
            return (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(node, kind.ClrType);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            var name = node["metadata"]?["name"]?.ToString();
            throw new StoreException(500, "InternalError", $"{kind.Kind} {name} on the API server does not match Fleetdeck's type: {e.Message}", inner: e);
        }
    }

    /// <summary>
    /// An object from a list or a watch; one that cannot be read as Fleetdeck's type (written by another tool against a
    /// looser schema) is logged and left out, so that one bad object cannot stop every controller of its kind.
    /// </summary>
    private IKubernetesObject<V1ObjectMeta>? TryMaterialize(ResourceKind kind, JsonObject node)
    {
        try
        {
            return Materialize(kind, node);
        }
        catch (StoreException e)
        {
            _logger.LogError("Skipping an object Fleetdeck cannot read: {Message}", e.Message);
            return null;
        }
    }
}
