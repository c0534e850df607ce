using Fleetdeck.Provisioning;
using Fleetdeck.Provisioning.Infrastructure;
using Fleetdeck.TeamOperator.Databases;

namespace Fleetdeck.Cli.Commands.Orgs;

/// <summary>How a host's options and environment become the provisioning module's settings.</summary>
internal static class OrgProvisioning
{
    public static ProvisioningSettings Settings(ModuleSettings settings, IMainDatabaseFallback? mainDatabase)
    {
        var url = FirstOf(settings.OrgDatabaseUrl, Environment.GetEnvironmentVariable("FLEETDECK_ORG_DATABASE_URL"));
        IDatabaseServer server = url is not null ? new ConfiguredDatabaseServer(url)
            : mainDatabase is not null ? new ManagedDatabaseServer(mainDatabase)
            : new NoDatabaseServer();
        return new ProvisioningSettings
        {
            InternalSecret = FirstOf(settings.InternalSecret, Environment.GetEnvironmentVariable("FLEETDECK_INTERNAL_SECRET")),
            FallbackSecrets = (Environment.GetEnvironmentVariable("FLEETDECK_INTERNAL_SECRET_FALLBACKS") ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Infrastructure = settings.OrgInfrastructure,
            DatabaseServer = server,
        };
    }

    /// <summary>Where the secret is, never the secret itself.</summary>
    public static string SecretSource(ProvisioningModule module) => module.GeneratedSecretFile is { } file
        ? $"{Path.GetRelativePath(Environment.CurrentDirectory, file)}  (header X-Fleetdeck-Internal-Secret; dashboard login)"
        : "as given (--internal-secret / FLEETDECK_INTERNAL_SECRET)";

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
