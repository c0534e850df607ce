using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Config;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Products.Connect;

/// <summary><c>rstudio-connect.gcfg</c>: the spec's config with what the operator owns written over it (database, address, launcher, sign-in).</summary>
internal static class ConnectConfigFile
{
    private static readonly Dictionary<string, string> SectionNames = new() { ["RPackageRepositories"] = "RPackageRepository" };
    private static readonly HashSet<string> KeepEmpty = ["GroupsClaim"];

    public const string ClientSecretFile = "/etc/rstudio-connect/client-secret";
    public const string RuntimeYaml = "/etc/rstudio-connect/runtime.yaml";
    public const string ProfilesConf = "/etc/rstudio-connect/launcher/launcher.kubernetes.profiles.conf";
    public const string ScratchPath = "/var/lib/rstudio-connect-launcher";

    public static ConnectConfig Build(Api.Connect connect, Component component, string dbHost, string sessionNamespace)
    {
        var spec = connect.Spec;
        var config = spec.Config is null ? new ConnectConfig() : ObjectJson.Clone(spec.Config);
        var schema = string.IsNullOrEmpty(spec.DatabaseConfig?.Schema) ? "connect" : spec.DatabaseConfig.Schema;
        var instrumentation = string.IsNullOrEmpty(spec.DatabaseConfig?.InstrumentationSchema) ? "instrumentation" : spec.DatabaseConfig.InstrumentationSchema;

        config.Database = new ConnectDatabaseConfig { Provider = "postgres" };
        config.Postgres = new ConnectPostgresConfig
        {
            Url = ProductDatabase.SchemaUrl(component, dbHost, schema, spec.DatabaseConfig?.SslMode),
            InstrumentationUrl = ProductDatabase.SchemaUrl(component, dbHost, instrumentation, spec.DatabaseConfig?.SslMode),
        };
        config.Server ??= new ConnectServerConfig();
        if (!string.IsNullOrEmpty(spec.Url)) config.Server.Address = $"https://{spec.Url}";

        if (spec.OffHostExecution == true)
        {
            config.Python ??= new ConnectPythonConfig();
            config.Python.Enabled = true;
            config.Launcher ??= new ConnectLauncherConfig();
            config.Launcher.Enabled = true;
            config.Launcher.Kubernetes = true;
            config.Launcher.ClusterDefinition = [RuntimeYaml];
            config.Launcher.KubernetesNamespace = sessionNamespace;
            config.Launcher.KubernetesProfilesConfig = ProfilesConf;
            config.Launcher.KubernetesUseTemplates = true;
            config.Launcher.ScratchPath = ScratchPath;
            if (spec.Volume is { } volume) config.Launcher.DataDirPvcName = Volumes.ClaimName(volume, component.Name);
        }

        if (spec.Debug == true)
        {
            config.Logging ??= new ConnectLoggingConfig();
            config.Logging.ServiceLogLevel = "DEBUG";
        }

        SignIn(config, spec.Auth);
        return config;
    }

    private static void SignIn(ConnectConfig config, AuthSpec? auth)
    {
        if (auth is null) return;
        switch (auth.Type)
        {
            case "oidc":
                config.Authentication = new ConnectAuthenticationConfig { Provider = "oauth2" };
                var scopes = new List<string>(auth.Scopes ?? []);
                if (auth.Groups == true && !scopes.Contains("groups")) scopes.Add("groups");
                config.OAuth2 = new ConnectOAuth2Config
                {
                    ClientId = auth.ClientId,
                    ClientSecretFile = ClientSecretFile,
                    OpenIdConnectIssuer = auth.Issuer,
                    RequireUsernameClaim = !string.IsNullOrEmpty(auth.UsernameClaim) ? true : null,
                    UsernameClaim = NullIfEmpty(auth.UsernameClaim),
                    EmailClaim = NullIfEmpty(auth.EmailClaim),
                    UniqueIdClaim = string.IsNullOrEmpty(auth.UniqueIdClaim) ? "email" : auth.UniqueIdClaim,
                    GroupsAutoProvision = auth.Groups == true ? true : null,
                    CustomScope = scopes.Count > 0 ? scopes : null,
                    // An empty GroupsClaim turns groups off in Connect: it is written even when empty.
                    GroupsClaim = auth.DisableGroupsClaim == true ? "" : NullIfEmpty(auth.GroupsClaim),
                };
                break;
            case "saml":
                config.Authentication = new ConnectAuthenticationConfig { Provider = "saml" };
                config.Saml = new ConnectSamlConfig
                {
                    IdPMetaDataUrl = auth.SamlMetadataUrl,
                    IdPAttributeProfile = auth.HasSamlAttributes ? null : string.IsNullOrEmpty(auth.SamlIdPAttributeProfile) ? "default" : auth.SamlIdPAttributeProfile,
                    UsernameAttribute = NullIfEmpty(auth.SamlUsernameAttribute),
                    FirstNameAttribute = NullIfEmpty(auth.SamlFirstNameAttribute),
                    LastNameAttribute = NullIfEmpty(auth.SamlLastNameAttribute),
                    EmailAttribute = NullIfEmpty(auth.SamlEmailAttribute),
                };
                break;
            case "password":
                config.Authentication = new ConnectAuthenticationConfig { Provider = "password" };
                break;
        }

        if (auth.ViewerRoleMapping is { Count: > 0 } || auth.PublisherRoleMapping is { Count: > 0 } || auth.AdministratorRoleMapping is { Count: > 0 })
        {
            config.Authorization ??= new ConnectAuthorizationConfig();
            config.Authorization.UserRoleGroupMapping = true;
            config.Authorization.ViewerRoleMapping = auth.ViewerRoleMapping is { Count: > 0 } v ? [.. v] : null;
            config.Authorization.PublisherRoleMapping = auth.PublisherRoleMapping is { Count: > 0 } p ? [.. p] : null;
            config.Authorization.AdministratorRoleMapping = auth.AdministratorRoleMapping is { Count: > 0 } a ? [.. a] : null;
        }
    }

    public static string Write(ConnectConfig config) => GcfgWriter.Write(ObjectJson.ToNode(config), SectionNames, KeepEmpty);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
