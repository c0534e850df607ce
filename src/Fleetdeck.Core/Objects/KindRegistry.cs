using System.Collections.Concurrent;
using System.Reflection;
using k8s.Models;

namespace Fleetdeck.Core.Objects;

/// <summary>
/// Every kind the control plane serves. Each part registers its kinds at start-up; lookups are by
/// apiVersion and kind, by CLR type, or by any name a user may type (plural, singular, short name, kind).
/// </summary>
public sealed class KindRegistry
{
    private readonly ConcurrentDictionary<(string ApiVersion, string Kind), ResourceKind> _byApiVersionKind = new();
    private readonly ConcurrentDictionary<Type, ResourceKind> _byType = new();
    private readonly ConcurrentDictionary<string, ResourceKind> _byKey = new();
    private readonly List<ResourceKind> _all = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<ResourceKind> All
    {
        get { lock (_gate) return [.. _all]; }
    }

    /// <summary>A registry holding the Kubernetes built-in kinds Fleetdeck's controllers use.</summary>
    public static KindRegistry CreateDefault()
    {
        var registry = new KindRegistry();
        BuiltInKinds.AddTo(registry);
        return registry;
    }

    /// <summary>Registers a kind; registering the same kind twice replaces it (so a part may refine a built-in).</summary>
    public KindRegistry Add(ResourceKind kind)
    {
        lock (_gate)
        {
            _all.RemoveAll(k => k.Key == kind.Key);
            _all.Add(kind);
            _byApiVersionKind[(kind.ApiVersion, kind.Kind)] = kind;
            _byType[kind.ClrType] = kind;
            _byKey[kind.Key] = kind;
        }
        return this;
    }

    /// <summary>Registers a kind from its CLR type's <see cref="KubernetesEntityAttribute"/>.</summary>
    public KindRegistry Add<T>(Func<ResourceKind, ResourceKind>? configure = null)
    {
        var kind = FromAttribute(typeof(T));
        return Add(configure is null ? kind : configure(kind));
    }

    public static ResourceKind FromAttribute(Type type)
    {
        var attribute = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{type.Name} has no [KubernetesEntity] attribute");
        return new ResourceKind(attribute.Group ?? "", attribute.ApiVersion, attribute.Kind, attribute.PluralName, type);
    }

    public ResourceKind? Find(string apiVersion, string kind) =>
        _byApiVersionKind.TryGetValue((apiVersion, kind), out var found) ? found : null;

    public ResourceKind? FindByKey(string key) => _byKey.TryGetValue(key, out var found) ? found : null;

    public ResourceKind? Find(Type clrType) => _byType.TryGetValue(clrType, out var found) ? found : null;

    public ResourceKind Get(Type clrType) =>
        Find(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not a registered kind");

    public ResourceKind Get<T>() => Get(typeof(T));

    /// <summary>Kinds of one API group and version, by plural, as an API server serves them.</summary>
    public ResourceKind? FindByPlural(string group, string version, string plural)
    {
        lock (_gate)
            return _all.FirstOrDefault(k => k.Group == group && k.Version == version && k.Plural == plural);
    }

    /// <summary>All kinds with the given name, without regard to group: the candidates <see cref="Resolve"/> picks from.</summary>
    public IReadOnlyList<ResourceKind> FindKindName(string kind)
    {
        lock (_gate)
            return [.. _all.Where(k => string.Equals(k.Kind, kind, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>
    /// Resolves what a user types (<c>sites</c>, <c>site</c>, <c>Site</c>, <c>con</c>, <c>deployments.apps</c>).
    /// When the name is ambiguous across groups, Fleetdeck's own groups win over built-ins.
    /// </summary>
    public ResourceKind? Resolve(string name)
    {
        var text = name.Trim();
        string? group = null;
        var dot = text.IndexOf('.');
        if (dot > 0)
        {
            group = text[(dot + 1)..];
            text = text[..dot];
        }

        List<ResourceKind> candidates;
        lock (_gate)
        {
            candidates = [.. _all.Where(k =>
                (group is null || string.Equals(k.Group, group, StringComparison.OrdinalIgnoreCase)) &&
                (string.Equals(k.Plural, text, StringComparison.OrdinalIgnoreCase) ||
                 string.Equals(k.Singular, text, StringComparison.OrdinalIgnoreCase) ||
                 string.Equals(k.Kind, text, StringComparison.OrdinalIgnoreCase) ||
                 k.ShortNames.Any(s => string.Equals(s, text, StringComparison.OrdinalIgnoreCase))))];
        }

        return candidates
            .OrderBy(k => k.Group.Length == 0 || k.Group.EndsWith(".k8s.io", StringComparison.Ordinal) || !k.Group.Contains('.') ? 1 : 0)
            .ThenBy(k => k.Group, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
