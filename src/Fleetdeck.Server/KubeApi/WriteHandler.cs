using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;
using k8s;
using k8s.Models;

namespace Fleetdeck.Server.KubeApi;

/// <summary>POST (create) and PUT (update, and <c>/status</c>), with <c>fieldValidation</c> and <c>dryRun</c>.</summary>
internal sealed class WriteHandler(KubeApiService api)
{
    private readonly DryRun _dryRun = new(api.Store, api.Options.Time);

    public async Task CreateAsync(ResourceRequest request)
    {
        var format = request.Output(transforms: false);
        var root = await ReadObjectAsync(request);
        ValidateSchema(request, root);
        var typed = ObjectCodec.ToTyped(root, request.Kind, request.Query.FieldValidation(), request.Warnings);
        var created = request.Query.DryRun()
            ? await _dryRun.CreateAsync(request.Kind, typed, request.Aborted)
            : await api.Store.CreateAsync(typed, request.Aborted);
        await RespondAsync(request, 201, created, format);
    }

    public async Task UpdateAsync(ResourceRequest request)
    {
        var format = request.Output(transforms: false);
        var root = await ReadObjectAsync(request);
        var name = Metadata(root)["name"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
        if (name != request.Name)
            throw ApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({request.Name})");
        ValidateSchema(request, root);
        var typed = ObjectCodec.ToTyped(root, request.Kind, request.Query.FieldValidation(), request.Warnings);
        var updated = await SaveAsync(request, typed, request.Query.DryRun());
        await RespondAsync(request, 200, updated, format);
    }

    /// <summary>Writes an existing object through the call its URL names (the object, or its status).</summary>
    public Task<IKubernetesObject<V1ObjectMeta>> SaveAsync(ResourceRequest request, IKubernetesObject<V1ObjectMeta> typed, bool dryRun)
    {
        if (dryRun) return _dryRun.UpdateAsync(request.Kind, typed, request.IsStatus, request.Aborted);
        return request.IsStatus ? api.Store.UpdateStatusAsync(typed, request.Aborted) : api.Store.UpdateAsync(typed, request.Aborted);
    }

    /// <summary>Schema defaults and validation for custom resources, when the façade was given them: 422 with every field path.</summary>
    public void ValidateSchema(ResourceRequest request, JsonObject root)
    {
        if (api.Options.CustomResourceValidation?.Invoke(request.Kind, root) is not { Count: > 0 } causes) return;
        var name = Metadata(root)["name"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
        throw ApiException.Invalid(request.Kind.Kind, request.Kind.Group, name, causes);
    }

    public static async Task RespondAsync(ResourceRequest request, int status, IKubernetesObject<V1ObjectMeta> obj, OutputFormat format)
    {
        ResponseWriter.AddWarnings(request.Http.Response, request.Warnings);
        await ResponseWriter.WriteAsync(request.Http, status, ObjectJson.ToNode(obj), format);
    }

    private async Task<JsonObject> ReadObjectAsync(ResourceRequest request)
    {
        var body = await RequestBody.ReadAsync(request.Http.Request, api.Options.MaxRequestBodyBytes, request.Aborted);
        var root = ObjectCodec.ParseBody(body, MediaType.ParseOne(request.Http.Request.ContentType), request.Kind);
        ObjectCodec.CheckTypeMeta(root, request.Kind);
        var metadata = Metadata(root);
        EnsureNamespace(request, metadata);
        request.BodyName = metadata["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String ? name.GetValue<string>() : null;
        return root;
    }

    /// <summary>The object's namespace defaults to the URL's and may not differ from it; cluster-scoped objects have none.</summary>
    public static void EnsureNamespace(ResourceRequest request, JsonObject metadata)
    {
        var given = metadata["namespace"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
        if (!request.Kind.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }
        if (given.Length == 0)
            metadata["namespace"] = request.Namespace;
        else if (given != request.Namespace)
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
    }

    public static JsonObject Metadata(JsonObject root)
    {
        switch (root["metadata"])
        {
            case JsonObject metadata:
                return metadata;
            case null:
                var created = new JsonObject();
                root["metadata"] = created;
                return created;
            default:
                throw ApiException.BadRequest("metadata must be an object");
        }
    }
}
