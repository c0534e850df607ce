using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>The PostgresDatabase a product asks for: named as the component, database and role <c>[^a-z0-9]</c>→<c>_</c>.</summary>
internal static class ProductDatabase
{
    public static PostgresDatabase Build(Component component, ProductSpecBase spec, SecretBackend backend, string passwordKey, string host, IReadOnlyList<string> schemas)
    {
        var db = Kube.New<PostgresDatabase>(component.Name, component.Namespace, component.Labels);
        db.Spec = new PostgresDatabaseSpec
        {
            Url = DatabaseNames.Url(component.DatabaseName, host),
            SecretVault = backend.Vault,
            SecretPasswordKey = passwordKey,
            Secret = new SecretConfig { Type = backend.Type, VaultName = backend.Vault },
            WorkloadSecret = Copy(spec.WorkloadSecret),
            MainDbCredentialSecret = Copy(spec.MainDatabaseCredentialSecret),
            Schemas = schemas.Count == 0 ? null : [.. schemas],
            Teardown = spec.DatabaseConfig?.DropOnTeardown == true ? new PostgresDatabaseTeardown { Drop = true } : null,
        };
        return db;
    }

    /// <summary>The host products connect to: <c>databaseConfig.host</c>, else the embedded fallback's.</summary>
    public static string Host(ProductSpecBase spec, string? fallbackHost) =>
        !string.IsNullOrEmpty(spec.DatabaseConfig?.Host) ? spec.DatabaseConfig.Host
        : fallbackHost ?? throw new RenderException("spec.databaseConfig.host", "Required value: the database server products connect to (the Site fills it in from its main database URL)", "DatabaseHostMissing");

    /// <summary>A product database URL with a schema search path and the main URL's sslmode: <c>...?options=-csearch_path=s&amp;sslmode=m</c>.</summary>
    public static string SchemaUrl(Component component, string host, string schema, string? sslMode)
    {
        var url = $"{DatabaseNames.Url(component.DatabaseName, host)}?options=-csearch_path={schema}";
        return string.IsNullOrEmpty(sslMode) ? url : $"{url}&sslmode={sslMode}";
    }

    private static SecretConfig? Copy(SecretConfig? config) =>
        config is null || (string.IsNullOrEmpty(config.Type) && string.IsNullOrEmpty(config.VaultName)) ? null : new SecretConfig { Type = config.Type, VaultName = config.VaultName };
}
