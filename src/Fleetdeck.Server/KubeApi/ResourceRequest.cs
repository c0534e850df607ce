using Fleetdeck.Core.Objects;
using Microsoft.AspNetCore.Http;

namespace Fleetdeck.Server.KubeApi;

/// <summary>One request for a resource: the kind its URL names, the namespace, name and subresource, and its query.</summary>
internal sealed class ResourceRequest(HttpContext http, ResourceKind kind, string? @namespace, string? name, string? subresource)
{
    public HttpContext Http { get; } = http;

    public ResourceKind Kind { get; } = kind;

    /// <summary>The URL's namespace; null for cluster-scoped kinds and for lists across all namespaces.</summary>
    public string? Namespace { get; } = @namespace;

    public string? Name { get; } = name;

    public string? Subresource { get; } = subresource;

    public QueryParameters Query { get; } = new(http.Request.Query);

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>Warnings for the response's <c>Warning</c> headers.</summary>
    public List<string> Warnings { get; } = [];

    public bool IsStatus => Subresource == "status";

    /// <summary>The name from the body of a create, for error details when the URL has none.</summary>
    public string? BodyName { get; set; }

    /// <summary>Details naming the resource, as NotFound, AlreadyExists and Conflict carry them.</summary>
    public StatusDetails ResourceDetails(string? name = null) => new(name ?? Name ?? BodyName, Kind.Group, Kind.Plural);

    /// <summary>The verb, kind and object, as fault injection matches requests.</summary>
    public Faults.FaultTarget FaultTarget()
    {
        var method = Http.Request.Method;
        var verb = Name is null
            ? HttpMethods.IsPost(method) ? "create" : HttpMethods.IsDelete(method) ? "deletecollection" : Query.Bool("watch") ? "watch" : "list"
            : HttpMethods.IsPut(method) ? "update" : HttpMethods.IsPatch(method) ? "patch" : HttpMethods.IsDelete(method) ? "delete" : "get";
        return new Faults.FaultTarget(verb, Kind, Namespace, Name, Subresource);
    }

    public OutputFormat Output(bool transforms = true) => OutputFormat.Negotiate(Http.Request.Headers.Accept.ToString(), transforms);
}
