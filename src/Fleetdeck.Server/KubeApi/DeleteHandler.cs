using System.Text.Json.Nodes;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using k8s;
using k8s.Models;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// DELETE of one object and of a collection. As the API server does, an object that is gone at once is answered with a
/// <c>Success</c> Status for built-in kinds and with the object for custom resources; one held by finalizers is answered
/// with the object, now carrying its <c>deletionTimestamp</c>.
/// </summary>
internal sealed class DeleteHandler(KubeApiService api)
{
    private readonly DryRun _dryRun = new(api.Store, api.Options.Time);

    public async Task DeleteAsync(ResourceRequest request)
    {
        var format = request.Output(transforms: false);
        var body = await RequestBody.ReadAsync(request.Http.Request, api.Options.MaxRequestBodyBytes, request.Aborted);
        var (options, dryRun) = DeleteRequestOptions.Parse(body, request.Query);
        var result = await DeleteOneAsync(request.Kind, request.Namespace, request.Name!, options, dryRun, request.Aborted);
        JsonObject answer = result.Pending || !IsBuiltIn(request.Kind)
            ? ObjectJson.ToNode(result.Object)
            : StatusBody.Success(new StatusDetails(request.Name, request.Kind.Group, request.Kind.Plural, Uid: result.Object.Metadata?.Uid));
        await ResponseWriter.WriteAsync(request.Http, 200, answer, format);
    }

    public async Task DeleteCollectionAsync(ResourceRequest request)
    {
        var format = request.Output(transforms: false);
        var body = await RequestBody.ReadAsync(request.Http.Request, api.Options.MaxRequestBodyBytes, request.Aborted);
        var (options, dryRun) = DeleteRequestOptions.Parse(body, request.Query);
        var list = await api.Store.ListAsync(request.Kind, new ListOptions
        {
            Namespace = request.Namespace,
            LabelSelector = request.Query.LabelSelector(),
            FieldSelector = request.Query.FieldSelector(),
        }, request.Aborted);
        var deleted = new JsonArray();
        foreach (var item in list.Items)
        {
            try
            {
                var result = await DeleteOneAsync(request.Kind, item.Metadata.NamespaceProperty, item.Metadata.Name, options, dryRun, request.Aborted);
                deleted.Add(ObjectJson.ToNode(result.Object));
            }
            catch (NotFoundException)
            {
                // Deleted by someone else meanwhile: what was asked for is done.
            }
        }
        var answer = new JsonObject
        {
            ["kind"] = $"{request.Kind.Kind}List",
            ["apiVersion"] = request.Kind.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = list.ResourceVersion },
            ["items"] = deleted,
        };
        await ResponseWriter.WriteAsync(request.Http, 200, answer, format);
    }

    private Task<DeleteResult> DeleteOneAsync(ResourceKind kind, string? @namespace, string name, DeleteOptions options, bool dryRun, CancellationToken cancellationToken) =>
        dryRun
            ? _dryRun.DeleteAsync(kind, @namespace, name, options, cancellationToken)
            : api.Store.DeleteAsync(kind, @namespace, name, options, cancellationToken);

    /// <summary>Kinds described by KubernetesClient's model types are the API server's own, not custom resources.</summary>
    public static bool IsBuiltIn(ResourceKind kind) => kind.ClrType.Assembly == typeof(V1ConfigMap).Assembly;
}
