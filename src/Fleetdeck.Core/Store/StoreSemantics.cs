using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Core.Store;

/// <summary>
/// What an API server does to objects on create, update, status write and delete (server-managed metadata,
/// generation, optimistic concurrency, admission, finalizers, owner cascade), over a backend's row transaction.
/// </summary>
internal sealed class StoreSemantics(StoreOptions options)
{
    public const string ForegroundDeletion = "foregroundDeletion";
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private static readonly HashSet<string> NotSpec = ["metadata", "status", "apiVersion", "kind"];
    private static readonly string[] ServerManagedMetadata =
        ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion", "selfLink", "managedFields"];

    public JsonObject Create(IRowTransaction tx, ResourceKind kind, JsonObject input)
    {
        var obj = input; // the caller hands the node over: no copy
        var meta = Metadata(obj);
        var ns = kind.Namespaced ? Str(meta, "namespace") ?? "" : "";
        if (kind.Namespaced && ns.Length == 0)
            throw new BadRequestException($"{kind.Kind}: metadata.namespace is required for a namespaced kind");
        if (kind.Namespaced && ObjectNames.ValidateLabel(ns) is { } nsProblem)
            throw Invalid(kind, ns, [new FieldError("metadata.namespace", $"Invalid value: \"{ns}\": {nsProblem}")]);

        var name = Str(meta, "name") ?? "";
        if (name.Length == 0 && Str(meta, "generateName") is { Length: > 0 } prefix)
        {
            for (var attempt = 0; attempt < 8 && (name.Length == 0 || tx.Get(kind.Key, ns, name) is not null); attempt++)
                name = prefix + RandomSuffix();
        }
        if (name.Length == 0)
            throw Invalid(kind, name, [new FieldError("metadata.name", "Required value: name or generateName is required", FieldError.Required)]);
        var nameProblem = kind.Kind == "Namespace" ? ObjectNames.ValidateLabel(name) : ObjectNames.ValidateSubdomain(name);
        if (nameProblem is not null)
            throw Invalid(kind, name, [new FieldError("metadata.name", $"Invalid value: \"{name}\": {nameProblem}")]);
        if (tx.Get(kind.Key, ns, name) is not null)
            throw new AlreadyExistsException($"{kind.Key} \"{name}\" already exists");

        foreach (var field in ServerManagedMetadata) meta.Remove(field);
        if (kind.HasStatus) obj.Remove("status");
        Canonicalize(obj, kind, ns, name);
        obj = Admit(kind, obj, old: null);
        meta = Metadata(obj);
        Canonicalize(obj, kind, ns, name);

        var rv = tx.NextResourceVersion();
        meta["uid"] = options.NewUid();
        meta["creationTimestamp"] = Timestamp(tx.Now);
        meta["generation"] = 1;
        meta["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        var stored = new StoredObject(kind.Key, ns, name, Str(meta, "uid")!, rv, obj);
        var json = obj.ToJsonString();
        tx.Put(stored, json, OwnerUids(obj), isNew: true);
        tx.Record(Event(stored, json, WatchEventType.Added, previousLabels: null));
        return obj;
    }

    public JsonObject Update(IRowTransaction tx, ResourceKind kind, JsonObject input)
    {
        var (ns, name) = Identity(kind, input);
        var current = tx.Get(kind.Key, ns, name) ?? throw NotFound(kind, name);
        CheckPreconditions(kind, current, Str(Metadata(input), "resourceVersion"), Str(Metadata(input), "uid"));

        var obj = input;
        var meta = Metadata(obj);
        var currentMeta = Metadata(current.Data);
        foreach (var field in ServerManagedMetadata) meta.Remove(field);
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
            if (currentMeta[field] is { } value) meta[field] = value.DeepClone();
        if (kind.HasStatus)
        {
            obj.Remove("status");
            if (current.Data["status"] is { } status) obj["status"] = status.DeepClone();
        }
        Canonicalize(obj, kind, ns, name);

        if (currentMeta["deletionTimestamp"] is not null)
        {
            var before = Finalizers(current.Data);
            var added = Finalizers(obj).Except(before).ToList();
            if (added.Count > 0)
                throw Invalid(kind, name, [new FieldError("metadata.finalizers", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers [{string.Join(" ", added)}]", FieldError.Forbidden)]);
        }

        obj = Admit(kind, obj, current.Data);
        meta = Metadata(obj);
        Canonicalize(obj, kind, ns, name);
        if (!JsonCompare.DeepEquals(obj, current.Data, NotSpec))
            meta["generation"] = (Long(currentMeta, "generation") ?? 0) + 1;
        meta["resourceVersion"] = current.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        if (JsonCompare.DeepEquals(obj, current.Data))
            return current.Data; // nothing changed: no new version, no event

        if (meta["deletionTimestamp"] is not null && Finalizers(obj).Count == 0)
        {
            RemoveAndCascade(tx, current with { Data = obj });
            return obj;
        }

        return Write(tx, current, obj);
    }

    public JsonObject UpdateStatus(IRowTransaction tx, ResourceKind kind, JsonObject input)
    {
        if (!kind.HasStatus)
            throw new NotFoundException($"{kind.Key} has no status subresource");
        var (ns, name) = Identity(kind, input);
        var current = tx.Get(kind.Key, ns, name) ?? throw NotFound(kind, name);
        CheckPreconditions(kind, current, Str(Metadata(input), "resourceVersion"), Str(Metadata(input), "uid"));

        var obj = (JsonObject)current.Data.DeepClone();
        if (input["status"] is { } status) obj["status"] = status.DeepClone();
        else obj.Remove("status");
        if (JsonCompare.DeepEquals(obj, current.Data))
            return current.Data;
        return Write(tx, current, obj);
    }

    public DeleteResult Delete(IRowTransaction tx, ResourceKind kind, string ns, string name, DeleteOptions options, Func<JsonObject, IKubernetesObject<V1ObjectMeta>> materialize)
    {
        var current = tx.Get(kind.Key, ns, name) ?? throw NotFound(kind, name);
        CheckPreconditions(kind, current, options.PreconditionResourceVersion, options.PreconditionUid, precondition: true);

        if (options.Propagation == PropagationPolicy.Orphan)
            Orphan(tx, current);

        var finalizers = Finalizers(current.Data);
        var dependents = tx.Dependents(current.Uid);
        if (options.Propagation == PropagationPolicy.Foreground && dependents.Count > 0 && !finalizers.Contains(ForegroundDeletion))
            finalizers.Add(ForegroundDeletion);

        if (finalizers.Count == 0)
        {
            var gone = RemoveAndCascade(tx, current);
            return new DeleteResult(materialize(gone), Pending: false);
        }

        var obj = (JsonObject)current.Data.DeepClone();
        var meta = Metadata(obj);
        var changed = false;
        if (meta["deletionTimestamp"] is null)
        {
            meta["deletionTimestamp"] = Timestamp(tx.Now);
            meta["deletionGracePeriodSeconds"] = 0;
            meta["generation"] = (Long(meta, "generation") ?? 0) + 1;
            changed = true;
        }
        if (Finalizers(obj).Count != finalizers.Count)
        {
            meta["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]);
            changed = true;
        }
        var marked = changed ? Write(tx, current, obj) : current.Data;
        if (finalizers.Contains(ForegroundDeletion))
        {
            foreach (var dependent in dependents) DeleteDependent(tx, dependent, current.Uid);
            var after = FinishForeground(tx, current.Uid);
            if (after is null) return new DeleteResult(materialize(marked), Pending: false);
            marked = after;
        }
        return new DeleteResult(materialize(marked), Pending: true);
    }

    private JsonObject Write(IRowTransaction tx, StoredObject current, JsonObject obj)
    {
        var rv = tx.NextResourceVersion();
        Metadata(obj)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        var stored = current with { ResourceVersion = rv, Data = obj };
        var json = obj.ToJsonString();
        tx.Put(stored, json, OwnerUids(obj), isNew: false);
        tx.Record(Event(stored, json, WatchEventType.Modified, Labels(current.Data)));
        return obj;
    }

    /// <summary>Removes the object, then deletes (or marks) every dependent that has no other live owner.</summary>
    private JsonObject RemoveAndCascade(IRowTransaction tx, StoredObject obj)
    {
        var dependents = tx.Dependents(obj.Uid);
        var rv = tx.NextResourceVersion();
        var data = (JsonObject)obj.Data.DeepClone();
        Metadata(data)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        var gone = obj with { ResourceVersion = rv, Data = data };
        tx.Remove(gone);
        tx.Record(Event(gone, data.ToJsonString(), WatchEventType.Deleted, previousLabels: null));

        foreach (var dependent in dependents) DeleteDependent(tx, dependent, obj.Uid);

        // An owner deleted in the foreground waits for its last dependent: this may have been it.
        foreach (var ownerUid in OwnerUids(data)) FinishForeground(tx, ownerUid);
        return data;
    }

    private void DeleteDependent(IRowTransaction tx, (string KindKey, string Namespace, string Name) key, string deletedOwnerUid)
    {
        var dependent = tx.Get(key.KindKey, key.Namespace, key.Name);
        if (dependent is null) return;
        if (OwnerUids(dependent.Data).Any(uid => uid != deletedOwnerUid && tx.UidExists(uid) && !IsBeingDeleted(tx.GetByUid(uid))))
            return; // another owner still holds it
        var finalizers = Finalizers(dependent.Data);
        if (finalizers.Count == 0)
        {
            RemoveAndCascade(tx, dependent);
            return;
        }
        if (Metadata(dependent.Data)["deletionTimestamp"] is not null) return;
        var obj = (JsonObject)dependent.Data.DeepClone();
        var meta = Metadata(obj);
        meta["deletionTimestamp"] = Timestamp(tx.Now);
        meta["deletionGracePeriodSeconds"] = 0;
        meta["generation"] = (Long(meta, "generation") ?? 0) + 1;
        Write(tx, dependent, obj);
    }

    private static bool IsBeingDeleted(StoredObject? obj) => obj is not null && Metadata(obj.Data)["deletionTimestamp"] is not null;

    /// <summary>Drops the foreground finalizer of an owner whose dependents are all gone; returns the owner, or null when it went too.</summary>
    private JsonObject? FinishForeground(IRowTransaction tx, string ownerUid)
    {
        var owner = tx.GetByUid(ownerUid);
        if (owner is null) return null;
        var finalizers = Finalizers(owner.Data);
        if (!finalizers.Contains(ForegroundDeletion) || Metadata(owner.Data)["deletionTimestamp"] is null) return owner.Data;
        if (tx.Dependents(ownerUid).Any(d => tx.Get(d.KindKey, d.Namespace, d.Name) is not null)) return owner.Data;
        finalizers.Remove(ForegroundDeletion);
        var obj = (JsonObject)owner.Data.DeepClone();
        Metadata(obj).Remove("finalizers");
        if (finalizers.Count > 0) Metadata(obj)["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]);
        if (finalizers.Count == 0)
        {
            RemoveAndCascade(tx, owner with { Data = obj });
            return null;
        }
        return Write(tx, owner, obj);
    }

    private void Orphan(IRowTransaction tx, StoredObject owner)
    {
        foreach (var key in tx.Dependents(owner.Uid))
        {
            var dependent = tx.Get(key.KindKey, key.Namespace, key.Name);
            if (dependent is null) continue;
            var obj = (JsonObject)dependent.Data.DeepClone();
            var meta = Metadata(obj);
            if (meta["ownerReferences"] is JsonArray refs)
            {
                var kept = refs.Where(r => Str(r as JsonObject, "uid") != owner.Uid).Select(r => r!.DeepClone()).ToArray();
                if (kept.Length == 0) meta.Remove("ownerReferences");
                else meta["ownerReferences"] = new JsonArray(kept);
            }
            Write(tx, dependent, obj);
        }
    }

    private JsonObject Admit(ResourceKind kind, JsonObject obj, JsonObject? old)
    {
        if (kind.Admission is not { } admission) return obj;
        IKubernetesObject<V1ObjectMeta> typed;
        try
        {
            typed = (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(obj, kind.ClrType);
        }
        catch (JsonException e)
        {
            throw Invalid(kind, Str(Metadata(obj), "name") ?? "", [new FieldError(FieldPath.FromJsonException(e.Path), e.Message.Split(" Path:", 2)[0])]);
        }
        admission.Default(typed);
        var oldTyped = old is null ? null : (IKubernetesObject<V1ObjectMeta>)ObjectJson.Deserialize(old, kind.ClrType);
        var errors = admission.Validate(typed, oldTyped);
        if (errors.Count > 0) throw Invalid(kind, typed.Metadata?.Name ?? "", errors);
        var admitted = ObjectJson.ToNode(typed);
        if (kind.HasStatus)
        {
            // Admission may not touch status through a spec write: keep what was there.
            admitted.Remove("status");
            if (obj["status"] is { } status) admitted["status"] = status.DeepClone();
        }
        return admitted;
    }

    private static void CheckPreconditions(ResourceKind kind, StoredObject current, string? resourceVersion, string? uid, bool precondition = false)
    {
        if (!string.IsNullOrEmpty(uid) && uid != current.Uid)
            throw new ConflictException($"Operation cannot be fulfilled on {kind.Key} \"{current.Name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
        if (!string.IsNullOrEmpty(resourceVersion) && resourceVersion != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
        {
            var message = precondition
                ? $"Operation cannot be fulfilled on {kind.Key} \"{current.Name}\": Precondition failed: ResourceVersion in precondition: {resourceVersion}, ResourceVersion in object meta: {current.ResourceVersion}"
                : $"Operation cannot be fulfilled on {kind.Key} \"{current.Name}\": the object has been modified; please apply your changes to the latest version and try again";
            throw new ConflictException(message);
        }
    }

    private static (string Namespace, string Name) Identity(ResourceKind kind, JsonObject obj)
    {
        var meta = Metadata(obj);
        var name = Str(meta, "name");
        if (string.IsNullOrEmpty(name))
            throw Invalid(kind, "", [FieldError.MissingRequired("metadata.name")]);
        var ns = kind.Namespaced ? Str(meta, "namespace") ?? "" : "";
        if (kind.Namespaced && ns.Length == 0)
            throw new BadRequestException($"{kind.Kind} {name}: metadata.namespace is required for a namespaced kind");
        return (ns, name);
    }

    private static void Canonicalize(JsonObject obj, ResourceKind kind, string ns, string name)
    {
        // apiVersion and kind first, as every Kubernetes object is written.
        var rest = obj.Where(p => p.Key is not ("apiVersion" or "kind")).ToList();
        obj.Clear();
        obj["apiVersion"] = kind.ApiVersion;
        obj["kind"] = kind.Kind;
        foreach (var (key, value) in rest) obj[key] = value;
        var meta = Metadata(obj);
        meta["name"] = name;
        if (kind.Namespaced) meta["namespace"] = ns;
        else meta.Remove("namespace");
        meta.Remove("generateName");
        foreach (var empty in new[] { "labels", "annotations", "finalizers", "ownerReferences" })
            if (meta[empty] is JsonObject { Count: 0 } or JsonArray { Count: 0 }) meta.Remove(empty);
    }

    internal static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta) return meta;
        meta = [];
        obj["metadata"] = meta;
        return meta;
    }

    internal static List<string> Finalizers(JsonObject obj) =>
        Metadata(obj)["finalizers"] is JsonArray array ? [.. array.Select(f => f?.GetValue<string>() ?? "").Where(f => f.Length > 0)] : [];

    private static IEnumerable<string> OwnerUids(JsonObject obj) =>
        Metadata(obj)["ownerReferences"] is JsonArray refs
            ? refs.OfType<JsonObject>().Select(r => Str(r, "uid")).OfType<string>().Where(u => u.Length > 0).Distinct()
            : [];

    internal static Dictionary<string, string>? Labels(JsonObject obj) =>
        Metadata(obj)["labels"] is JsonObject labels
            ? labels.Where(l => l.Value is JsonValue).ToDictionary(l => l.Key, l => l.Value!.ToString())
            : null;

    private static StoredEvent Event(StoredObject obj, string json, WatchEventType type, Dictionary<string, string>? previousLabels) =>
        new(obj.ResourceVersion, obj.KindKey, obj.Namespace, type, json, Labels(obj.Data), previousLabels);

    internal static string? Str(JsonObject? obj, string key) =>
        obj?[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static long? Long(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue<long>(out var l) ? l : obj[key] is JsonValue d && d.TryGetValue<int>(out var i) ? i : null;

    private static string Timestamp(DateTimeOffset now) =>
        Conditions.Truncate(now).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string RandomSuffix() =>
        new([.. Enumerable.Range(0, 5).Select(_ => NameAlphabet[options.Random.Next(NameAlphabet.Length)])]);

    private static NotFoundException NotFound(ResourceKind kind, string name) => new($"{kind.Key} \"{name}\" not found");

    internal static InvalidObjectException Invalid(ResourceKind kind, string name, IReadOnlyList<FieldError> errors)
    {
        var detail = errors.Count == 1 ? errors[0].ToString() : $"[{string.Join(", ", errors)}]";
        var qualified = kind.Group.Length == 0 ? kind.Kind : $"{kind.Kind}.{kind.Group}";
        return new InvalidObjectException($"{qualified} \"{name}\" is invalid: {detail}", errors);
    }
}
