using System.Collections.Concurrent;
using Fleetdeck.Core.Objects;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>
/// Which objects read which Secrets, recorded by each reconcile, so a Secret's arrival or change wakes exactly the
/// objects that wait for it (without listing every object on each Secret event).
/// </summary>
public sealed class SecretReferences
{
    private readonly ConcurrentDictionary<(string Namespace, string Secret), ConcurrentDictionary<ObjectKey, byte>> _readers = new();
    private readonly ConcurrentDictionary<ObjectKey, (string Namespace, string Secret)[]> _byReader = new();

    public void Set(ObjectKey reader, string @namespace, IEnumerable<string> secrets)
    {
        var now = secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct().Select(s => (@namespace, s)).ToArray();
        if (_byReader.TryGetValue(reader, out var before))
            foreach (var key in before.Except(now))
                if (_readers.TryGetValue(key, out var set)) set.TryRemove(reader, out _);
        foreach (var key in now) _readers.GetOrAdd(key, _ => new()).TryAdd(reader, 0);
        _byReader[reader] = now;
    }

    public void Remove(ObjectKey reader) => Set(reader, reader.Namespace ?? "", []);

    public IEnumerable<ObjectKey> Readers(string? @namespace, string secret) =>
        _readers.TryGetValue((@namespace ?? "", secret), out var set) ? [.. set.Keys] : [];
}
