using System.Text;
using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Core.Store;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Controllers;

/// <summary>
/// Render inputs from the cluster. Generated values are kept: the Secrets that hold them are read from the store
/// itself (not the cache, which may not have seen a Secret created a moment ago), so a value is never generated twice.
/// Vault values come from the cache, whose changes wake the controller.
/// </summary>
internal sealed class ClusterRenderInputs : IRenderInputs
{
    private readonly string _namespace;
    private readonly IObjectCache _cache;
    private readonly KindRegistry _kinds;
    private readonly IKeyGenerator _keys;
    private readonly Func<PostgresDatabase, string?> _passwordRevision;
    private readonly Dictionary<string, IDictionary<string, byte[]>?> _kept = [];
    private readonly Dictionary<(string Secret, string Key), string> _generated = [];

    private ClusterRenderInputs(string @namespace, IObjectCache cache, KindRegistry kinds, IKeyGenerator keys, Func<PostgresDatabase, string?> passwordRevision)
    {
        _namespace = @namespace;
        _cache = cache;
        _kinds = kinds;
        _keys = keys;
        _passwordRevision = passwordRevision;
    }

    /// <summary>Inputs for one reconcile, with the given generated Secrets read from the store.</summary>
    public static async Task<ClusterRenderInputs> LoadAsync(ControllerContext context, string @namespace, IEnumerable<string> generatedSecrets,
        IKeyGenerator keys, Func<PostgresDatabase, string?> passwordRevision, CancellationToken cancellationToken)
    {
        var inputs = new ClusterRenderInputs(@namespace, context.Cache, context.Kinds, keys, passwordRevision);
        foreach (var name in generatedSecrets.Distinct())
        {
            // Generated Secrets never change once made: the cache is right when it has one; the store, when it has none yet.
            var secret = context.Cache.Get<V1Secret>(context.Kinds, @namespace, name)
                ?? await context.Store.GetAsync<V1Secret>(@namespace, name, cancellationToken).ConfigureAwait(false);
            inputs._kept[name] = secret is not null && ManagedBy.IsManaged(secret) ? secret.Data : null;
        }
        return inputs;
    }

    /// <summary>True when a value was generated in this pass (a Secret is being created or completed).</summary>
    public bool GeneratedAny => _generated.Count > 0;

    public string Generated(string secret, string key, GeneratedValue kind)
    {
        if (!_kept.TryGetValue(secret, out var data))
            throw new InvalidOperationException($"generated Secret {secret} was not loaded before rendering");
        if (data is not null && data.TryGetValue(key, out var existing)) return Encoding.UTF8.GetString(existing);
        if (_generated.TryGetValue((secret, key), out var made)) return made;
        var value = kind switch
        {
            GeneratedValue.HexKey => _keys.HexKey(),
            GeneratedValue.Password => _keys.Password(),
            GeneratedValue.RsaPrivateKey => _keys.RsaPrivateKey(),
            GeneratedValue.RsaPublicKey => _keys.RsaPublicKey(Generated(secret, "launcher.pem", GeneratedValue.RsaPrivateKey)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        _generated[(secret, key)] = value;
        return value;
    }

    public bool HasGenerated(string secret, string key) =>
        _kept.TryGetValue(secret, out var data) && data is not null && data.ContainsKey(key);

    public string? VaultValue(string vault, string key) =>
        _cache.Get<V1Secret>(_kinds, _namespace, vault)?.Data is { } data && data.TryGetValue(key, out var value) ? Encoding.UTF8.GetString(value) : null;

    public string? DatabasePasswordRevision(string postgresDatabase) =>
        _cache.Get<PostgresDatabase>(_kinds, _namespace, postgresDatabase) is { } db ? _passwordRevision(db) : null;
}
