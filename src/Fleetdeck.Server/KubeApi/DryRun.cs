using System.Text.Json.Nodes;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using k8s;
using k8s.Models;

namespace Fleetdeck.Server.KubeApi;

/// <summary>
/// <c>dryRun=All</c>: the checks a write would make, answered without writing. <see cref="IObjectStore"/> has no dry-run
/// call, so this repeats the store's checks that can fail a write (existence, names, resourceVersion and uid
/// preconditions, the kind's admission) and the server-set fields; what it cannot see is a conflict with a concurrent writer.
/// </summary>
internal sealed class DryRun(IObjectStore store, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<IKubernetesObject<V1ObjectMeta>> CreateAsync(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj, CancellationToken cancellationToken)
    {
        var node = ObjectJson.ToNode(obj);
        var meta = Metadata(node);
        var name = Str(meta, "name");
        if (name.Length == 0 && Str(meta, "generateName") is { Length: > 0 } prefix)
            name = prefix + Guid.NewGuid().ToString("N")[..5];
        if (name.Length == 0)
            throw ApiException.Invalid(kind.Kind, kind.Group, name, [new FieldError("metadata.name", "Required value: name or generateName is required", FieldError.Required)]);
        var problem = kind.Kind == "Namespace" ? ObjectNames.ValidateLabel(name) : ObjectNames.ValidateSubdomain(name);
        if (problem is not null)
            throw ApiException.Invalid(kind.Kind, kind.Group, name, [new FieldError("metadata.name", $"Invalid value: \"{name}\": {problem}")]);
        var ns = kind.Namespaced ? Str(meta, "namespace") : null;
        if (await store.GetAsync(kind, ns, name, cancellationToken) is not null)
            throw new AlreadyExistsException($"{kind.Key} \"{name}\" already exists");

        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion", "generateName" })
            meta.Remove(field);
        meta["name"] = name;
        if (kind.HasStatus) node.Remove("status");
        var typed = Admit(kind, node, old: null);
        typed.Metadata.Uid = Guid.NewGuid().ToString();
        typed.Metadata.CreationTimestamp = Conditions.Truncate(_time.GetUtcNow());
        typed.Metadata.Generation = 1;
        return typed;
    }

    public async Task<IKubernetesObject<V1ObjectMeta>> UpdateAsync(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj, bool status, CancellationToken cancellationToken)
    {
        var name = obj.Metadata.Name;
        var current = await store.GetAsync(kind, obj.Metadata.NamespaceProperty, name, cancellationToken)
            ?? throw new NotFoundException($"{kind.Key} \"{name}\" not found");
        CheckPreconditions(kind, current, obj.Metadata.Uid, obj.Metadata.ResourceVersion, precondition: false);
        var currentNode = ObjectJson.ToNode(current);
        var node = ObjectJson.ToNode(obj);
        if (status)
        {
            var result = (JsonObject)currentNode.DeepClone();
            result["status"] = node["status"]?.DeepClone();
            return Materialize(kind, result);
        }

        var meta = Metadata(node);
        var currentMeta = Metadata(currentNode);
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion" })
        {
            meta.Remove(field);
            if (currentMeta[field] is { } value) meta[field] = value.DeepClone();
        }
        if (kind.HasStatus) node["status"] = currentNode["status"]?.DeepClone();
        var typed = Admit(kind, node, current);
        if (!JsonCompare.DeepEquals(Spec(ObjectJson.ToNode(typed)), Spec(currentNode)))
            typed.Metadata.Generation = (current.Metadata.Generation ?? 0) + 1;
        return typed;
    }

    public async Task<DeleteResult> DeleteAsync(ResourceKind kind, string? @namespace, string name, DeleteOptions options, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(kind, @namespace, name, cancellationToken)
            ?? throw new NotFoundException($"{kind.Key} \"{name}\" not found");
        CheckPreconditions(kind, current, options.PreconditionUid, options.PreconditionResourceVersion, precondition: true);
        if (current.Metadata.Finalizers is not { Count: > 0 }) return new DeleteResult(current, Pending: false);
        current.Metadata.DeletionTimestamp ??= Conditions.Truncate(_time.GetUtcNow());
        current.Metadata.DeletionGracePeriodSeconds ??= 0;
        return new DeleteResult(current, Pending: true);
    }

    private static IKubernetesObject<V1ObjectMeta> Admit(ResourceKind kind, JsonObject node, IKubernetesObject<V1ObjectMeta>? old)
    {
        var typed = Materialize(kind, node);
        if (kind.Admission is not { } admission) return typed;
        var status = kind.HasStatus ? node["status"]?.DeepClone() : null;
        admission.Default(typed);
        var errors = admission.Validate(typed, old);
        if (errors.Count > 0) throw ApiException.Invalid(kind.Kind, kind.Group, typed.Metadata.Name ?? "", errors);
        if (!kind.HasStatus) return typed;
        // Admission may not touch status through a spec write.
        var admitted = ObjectJson.ToNode(typed);
        admitted["status"] = status;
        return Materialize(kind, admitted);
    }

    private static void CheckPreconditions(ResourceKind kind, IKubernetesObject<V1ObjectMeta> current, string? uid, string? resourceVersion, bool precondition)
    {
        var name = current.Metadata.Name;
        if (!string.IsNullOrEmpty(uid) && uid != current.Metadata.Uid)
            throw new ConflictException($"Operation cannot be fulfilled on {kind.Key} \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Metadata.Uid}");
        if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == current.Metadata.ResourceVersion) return;
        throw new ConflictException(precondition
            ? $"Operation cannot be fulfilled on {kind.Key} \"{name}\": Precondition failed: ResourceVersion in precondition: {resourceVersion}, ResourceVersion in object meta: {current.Metadata.ResourceVersion}"
            : $"Operation cannot be fulfilled on {kind.Key} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
    }

    private static IKubernetesObject<V1ObjectMeta> Materialize(ResourceKind kind, JsonObject node) =>
        (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(node, kind.ClrType);

    private static JsonObject Metadata(JsonObject node) => node["metadata"] as JsonObject ?? (JsonObject)(node["metadata"] = new JsonObject());

    private static string Str(JsonObject meta, string field) =>
        meta[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static JsonObject Spec(JsonObject obj)
    {
        var spec = new JsonObject();
        foreach (var (key, value) in obj)
            if (key is not ("metadata" or "status" or "apiVersion" or "kind")) spec[key] = value?.DeepClone();
        return spec;
    }
}
