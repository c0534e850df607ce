using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.Server.KubeApi.Patching;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// PATCH of an object or its status: JSON patch, JSON merge patch, and strategic merge patch for built-in kinds (custom
/// resources refuse it with 415, as the API server does; kubectl then sends a merge patch). The patch is applied to the
/// latest version and written with that version; when someone else wrote in between, it is applied again to the new
/// latest, unless the patch itself names a <c>resourceVersion</c>, which then conflicts (409).
/// Server-side apply (<c>application/apply-patch+yaml</c>) is not served.
/// </summary>
internal sealed class PatchHandler(KubeApiService api)
{
    private const string JsonPatchType = "application/json-patch+json";
    private const string MergePatchType = "application/merge-patch+json";
    private const string StrategicPatchType = "application/strategic-merge-patch+json";
    // As long as the API server lets a request run: a patch that keeps losing races keeps being re-applied until then.
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(60);

    private readonly WriteHandler _writes = new(api);

    public async Task PatchAsync(ResourceRequest request)
    {
        var format = request.Output(transforms: false);
        var kind = request.Kind;
        var builtIn = DeleteHandler.IsBuiltIn(kind);
        var accepted = builtIn ? new[] { JsonPatchType, MergePatchType, StrategicPatchType } : [JsonPatchType, MergePatchType];
        var patchType = MediaType.ParseOne(request.Http.Request.ContentType)?.Type;
        if (patchType is null || !accepted.Contains(patchType)) throw ApiException.UnsupportedMediaType(accepted);

        var validation = request.Query.FieldValidation();
        var dryRun = request.Query.DryRun();
        var body = await RequestBody.ReadAsync(request.Http.Request, api.Options.MaxRequestBodyBytes, request.Aborted);
        if (body.Length == 0) throw ApiException.BadRequest("the body of a patch may not be empty");
        var patch = ObjectCodec.ParseJson(body, "error decoding patch");
        if (patchType != JsonPatchType && patch is not JsonObject)
            throw ApiException.BadRequest("error decoding patch: a merge patch must be a JSON object");

        var started = api.Options.Time.GetTimestamp();
        while (true)
        {
            var current = await api.Store.GetAsync(kind, request.Namespace, request.Name!, request.Aborted)
                ?? throw new NotFoundException($"{kind.Key} \"{request.Name}\" not found");
            var currentNode = ObjectJson.ToNode(current);
            var patched = Apply(patchType, currentNode, patch, kind);
            ObjectCodec.CheckTypeMeta(patched, kind);
            var metadata = WriteHandler.Metadata(patched);
            if (Text(metadata["name"]) != request.Name)
                throw ApiException.BadRequest($"the name of the object ({Text(metadata["name"])}) does not match the name on the URL ({request.Name})");
            WriteHandler.EnsureNamespace(request, metadata);

            _writes.ValidateSchema(request, patched);
            var warnings = new List<string>();
            var typed = ObjectCodec.ToTyped(patched, kind, validation, warnings);
            try
            {
                var saved = await _writes.SaveAsync(request, typed, dryRun);
                request.Warnings.AddRange(warnings);
                await WriteHandler.RespondAsync(request, 200, saved, format);
                return;
            }
            catch (ConflictException) when (typed.Metadata.ResourceVersion == current.Metadata.ResourceVersion && api.Options.Time.GetElapsedTime(started) < RetryFor)
            {
                // Another write landed between our read and our write; the patch names no version of its own: apply it again.
            }
        }
    }

    private static JsonObject Apply(string patchType, JsonObject current, JsonNode patch, ResourceKind kind)
    {
        try
        {
            var result = patchType switch
            {
                JsonPatchType => JsonPatch.Apply(current, patch),
                MergePatchType => JsonMergePatch.Apply(current, patch),
                _ => StrategicMergePatch.Apply(current, (JsonObject)patch, kind.ClrType),
            };
            return result as JsonObject ?? throw PatchException.DoesNotApply("the patched document is not an object");
        }
        catch (PatchException e) when (e.Malformed)
        {
            throw ApiException.BadRequest(e.Message);
        }
        catch (PatchException e)
        {
            throw new ApiException(422, "Invalid", e.Message);
        }
    }

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
}
