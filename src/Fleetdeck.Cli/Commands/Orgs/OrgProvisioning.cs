using Fleetdeck.Provisioning;
using Fleetdeck.Provisioning.Infrastructure;
using Fleetdeck.Server.Hosting;
using Fleetdeck.TeamOperator.Databases;

namespace Fleetdeck.Cli.Commands.Orgs;

/// <summary>How <c>up</c>'s options and environment become the provisioning module's settings.</summary>
internal static class OrgProvisioning
{
    public static ProvisioningSettings Settings(string? secret, string infrastructure, string? databaseUrl, IEnumerable<IHostedModule> hosted)
    {
        var url = FirstOf(databaseUrl, Environment.GetEnvironmentVariable("FLEETDECK_ORG_DATABASE_URL"));
        IDatabaseServer server = url is not null ? new ConfiguredDatabaseServer(url)
            : hosted.OfType<IMainDatabaseFallback>().FirstOrDefault() is { } managed ? new ManagedDatabaseServer(managed)
            : new NoDatabaseServer();
        return new ProvisioningSettings
        {
            InternalSecret = FirstOf(secret, Environment.GetEnvironmentVariable("FLEETDECK_INTERNAL_SECRET")),
            FallbackSecrets = (Environment.GetEnvironmentVariable("FLEETDECK_INTERNAL_SECRET_FALLBACKS") ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Infrastructure = infrastructure,
            DatabaseServer = server,
        };
    }

    /// <summary>Where the secret is, never the secret itself.</summary>
    public static string SecretSource(ProvisioningModule module) => module.GeneratedSecretFile is { } file
        ? $"{Path.GetRelativePath(Environment.CurrentDirectory, file)}  (header X-Fleetdeck-Internal-Secret; dashboard login)"
        : "as given (--internal-secret / FLEETDECK_INTERNAL_SECRET)";

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
