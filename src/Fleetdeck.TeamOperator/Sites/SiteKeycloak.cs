using k8s;
using k8s.Models;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Api.ThirdParty;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Sites;

/// <summary>
/// Keycloak for a Site (<c>keycloak.enabled</c>): its database, account, the Keycloak operator's <c>Keycloak</c> object
/// on <c>key.&lt;domain&gt;</c>, and the Ingress and middleware in front of it. With AWS secrets, a provider class and a
/// small consumer Deployment that makes the CSI driver sync the database credentials into a Secret.
/// </summary>
internal static class SiteKeycloak
{
    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(SiteContext site, SecretConfig secret)
    {
        if (!site.KeycloakEnabled) yield break;
        var c = new Component(site.Name, site.Namespace, "keycloak", "keycloak", "keycloak");
        var backend = SecretBackend.Of(secret.Type ?? "", secret.VaultName);
        var keycloak = site.Spec.Keycloak!;

        var db = Kube.New<PostgresDatabase>(c.Name, site.Namespace, c.Labels);
        db.Spec = new PostgresDatabaseSpec
        {
            Url = DatabaseNames.Url(c.DatabaseName, site.Database.Host),
            SecretVault = backend.Vault,
            SecretPasswordKey = "keycloak-db-password",
            Secret = new SecretConfig { Type = backend.Type, VaultName = backend.Vault },
            WorkloadSecret = SiteContext.Copy(site.Spec.WorkloadSecret),
            MainDbCredentialSecret = SiteContext.Copy(site.Spec.MainDatabaseCredentialSecret),
            Schemas = ["keycloak"],
            Teardown = site.Spec.DropDatabaseOnTearDown == true ? new PostgresDatabaseTeardown { Drop = true } : null,
        };
        yield return db;
        yield return Accounts.ServiceAccount(c.Name, c, new AwsIdentity(site.Spec.AwsAccountId, site.Spec.ClusterDate, site.Spec.WorkloadCompoundName, site.Name).RoleAnnotation("key"));

        var credentials = backend.Vault;
        if (backend.IsAws)
        {
            credentials = c.Named("db");
            yield return ProviderClasses.Build(c.Name, c, backend.Vault,
                [("keycloak-db-user", "keycloak-db-user"), ("keycloak-db-password", "keycloak-db-password")],
                [(credentials, [("keycloak-db-user", "keycloak-db-user"), ("keycloak-db-password", "keycloak-db-password")])]);
            yield return Consumer(c);
        }

        var hostAndPort = site.Database.Host.Split(':', 2);
        var instance = Kube.New<Keycloak>(c.Name, site.Namespace, c.Labels);
        instance.Spec = new KeycloakSpec
        {
            Instances = 1,
            Image = string.IsNullOrEmpty(keycloak.Image) ? null : keycloak.Image,
            Hostname = new KeycloakHostname { Hostname = site.KeycloakHost },
            Db = new KeycloakDatabase
            {
                Vendor = "postgres",
                Host = hostAndPort[0],
                Port = hostAndPort.Length == 2 && int.TryParse(hostAndPort[1], out var port) ? port : 5432,
                Database = c.DatabaseName,
                UsernameSecret = new V1SecretKeySelector { Name = credentials, Key = "keycloak-db-user" },
                PasswordSecret = new V1SecretKeySelector { Name = credentials, Key = "keycloak-db-password" },
            },
            Http = new KeycloakHttp { HttpEnabled = true },
            Ingress = new KeycloakIngress { Enabled = false },
            AdditionalOptions = [new KeycloakOption { Name = "proxy", Value = "edge" }],
            ImagePullSecrets = Pods.PullSecrets(site.Spec.ImagePullSecrets),
        };
        yield return instance;

        yield return WebObjects.Forward(c);
        var ingress = WebObjects.Ingress(c, site.KeycloakHost, site.Spec.IngressClass, site.Spec.IngressAnnotations, c.Named("forward"));
        ingress.Spec.Rules[0].Http.Paths[0].Backend.Service = new V1IngressServiceBackend { Name = c.Named("service"), Port = new V1ServiceBackendPort { Number = 8080 } };
        yield return ingress;
    }

    /// <summary>The CSI driver syncs a Secret only while a pod mounts the provider class: this pod does nothing else.</summary>
    private static V1Deployment Consumer(Component c)
    {
        var selector = new Dictionary<string, string> { [Component.InstanceLabel] = c.Named("spc-consumer"), [Component.NameLabel] = "keycloak" };
        var deployment = Kube.New<V1Deployment>(c.Named("spc-consumer"), c.Namespace, c.Labels);
        deployment.Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = selector },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = Kube.Merge(c.Labels, selector) },
                Spec = new V1PodSpec
                {
                    ServiceAccountName = c.Name,
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "consumer",
                            Image = Images.Busybox,
                            Command = ["sleep", "infinity"],
                            VolumeMounts = [Pods.Mount("secrets", "/mnt/secrets-store", readOnly: true)],
                        },
                    ],
                    Volumes = [SecretBackend.CsiVolume("secrets", c.Name)],
                },
            },
        };
        return deployment;
    }
}
