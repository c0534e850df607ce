using k8s.Models;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Sites;

/// <summary>
/// A Site that names no secret backend gets a vault of its own: a Secret with generated database passwords, in the
/// layout of upstream's Kubernetes backend, so that products and the database provisioner read it like any vault.
/// Values are generated once and kept.
/// </summary>
internal static class ManagedVault
{
    public static string NameOf(string site) => $"{site}-vault";

    public static V1Secret Build(SiteContext site, IRenderInputs inputs)
    {
        var name = NameOf(site.Name);
        var data = new Dictionary<string, string>
        {
            ["dev-db-password"] = inputs.Generated(name, "dev-db-password", GeneratedValue.Password),
            ["keycloak-db-password"] = inputs.Generated(name, "keycloak-db-password", GeneratedValue.Password),
            ["keycloak-db-user"] = DatabaseNames.Of(site.Named("keycloak")),
            ["pkg-db-password"] = inputs.Generated(name, "pkg-db-password", GeneratedValue.Password),
            ["pub-db-password"] = inputs.Generated(name, "pub-db-password", GeneratedValue.Password),
        };
        var secret = Kube.New<V1Secret>(name, site.Namespace, site.Labels);
        secret.Type = "Opaque";
        secret.Data = data.ToDictionary(p => p.Key, p => System.Text.Encoding.UTF8.GetBytes(p.Value));
        return secret;
    }
}
