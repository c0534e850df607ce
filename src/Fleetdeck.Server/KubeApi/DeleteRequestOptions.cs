using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// The options of a DELETE: from a <c>DeleteOptions</c> body when there is one, else from the query, as the API server
/// reads them. <c>gracePeriodSeconds</c> is accepted and has no effect: nothing here runs pods.
/// </summary>
internal static class DeleteRequestOptions
{
    public static (DeleteOptions Options, bool DryRun) Parse(ReadOnlyMemory<byte> body, QueryParameters query)
    {
        string? policy;
        bool? orphanDependents;
        string? uid = null;
        string? resourceVersion = null;
        bool dryRun;
        if (body.Length > 0)
        {
            var root = ObjectCodec.ParseJsonObject(body, "couldn't decode DeleteOptions");
            policy = Str(root, "propagationPolicy");
            orphanDependents = root["orphanDependents"] is JsonValue o && o.TryGetValue<bool>(out var orphan) ? orphan : null;
            if (root["preconditions"] is JsonObject preconditions)
            {
                uid = Str(preconditions, "uid");
                resourceVersion = Str(preconditions, "resourceVersion");
            }
            dryRun = QueryParameters.DryRun(root["dryRun"] is JsonArray values ? values.Select(v => v?.ToString() ?? "") : []);
        }
        else
        {
            policy = query.String("propagationPolicy");
            orphanDependents = query.String("orphanDependents") is { Length: > 0 } ? query.Bool("orphanDependents") : null;
            dryRun = query.DryRun();
        }

        if (policy is { Length: > 0 } && orphanDependents is not null)
            throw Invalid(new FieldError("propagationPolicy", "Invalid value: \"" + policy + "\": orphanDependents and deletionPropagation cannot be both set"));
        var propagation = policy switch
        {
            null or "" => orphanDependents == true ? PropagationPolicy.Orphan : PropagationPolicy.Background,
            "Background" => PropagationPolicy.Background,
            "Foreground" => PropagationPolicy.Foreground,
            "Orphan" => PropagationPolicy.Orphan,
            _ => throw Invalid(FieldError.Unsupported("propagationPolicy", policy, ["Foreground", "Background", "Orphan"])),
        };
        return (new DeleteOptions { Propagation = propagation, PreconditionUid = uid, PreconditionResourceVersion = resourceVersion }, dryRun);
    }

    private static ApiException Invalid(FieldError error) => ApiException.Invalid("DeleteOptions", "meta.k8s.io", "", [error]);

    private static string? Str(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
