using k8s;
using k8s.Models;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Rendering;
using Fleetdeck.TeamOperator.Sites.Defaults;

namespace Fleetdeck.TeamOperator.Sites;

/// <summary>What a Site renders to: its own objects, and one product object per enabled product (named as the Site).</summary>
public sealed record RenderedSite(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Products)
{
    public IEnumerable<IKubernetesObject<V1ObjectMeta>> All => Objects.Concat(Products);
}

/// <summary>
/// Everything a <c>Site</c> becomes, in upstream's order: its vault (when it names none), storage, the product objects
/// with upstream's defaults, the pre-pull DaemonSet, Keycloak, extra service accounts and NetworkPolicies.
/// A pure function of the Site, its main database and the render inputs.
/// </summary>
public sealed class SiteRenderer(IRenderInputs inputs)
{
    public RenderedSite Render(Site site, MainDatabase database)
    {
        if (string.IsNullOrEmpty(site.Spec.Domain)) throw new RenderException("spec.domain", "Required value");
        var ctx = new SiteContext(site, database);
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        var products = new List<IKubernetesObject<V1ObjectMeta>>();
        if (ctx.UsesManagedVault) objects.Add(ManagedVault.Build(ctx, inputs));
        var volumes = SiteVolumes.Build(ctx);
        objects.AddRange(volumes.Objects);

        if (ctx.FlightdeckEnabled) products.Add(FlightdeckDefaults.Build(ctx));
        Api.Connect? connect = ctx.ConnectEnabled ? ConnectDefaults.Build(ctx, volumes) : null;
        Api.Workbench? workbench = ctx.WorkbenchEnabled ? WorkbenchDefaults.Build(ctx, volumes) : null;
        Api.PackageManager? pm = ctx.PackageManagerEnabled ? PackageManagerDefaults.Build(ctx) : null;
        if (connect is not null) products.Add(connect);
        if (pm is not null) products.Add(pm);
        if (workbench is not null) products.Add(workbench);
        if (ctx.ChronicleEnabled) products.Add(ChronicleDefaults.Build(ctx));

        var images = new List<string?>();
        if (connect is not null) images.AddRange([connect.Spec.Image, connect.Spec.SessionImage]);
        if (workbench is not null)
        {
            images.Add(workbench.Spec.Image);
            images.AddRange(workbench.Spec.Config?.Profiles?.LauncherKubernetesProfiles?.Values.SelectMany(p => p.ContainerImages ?? []) ?? []);
        }
        if (pm is not null) images.Add(pm.Spec.Image);
        if (PrePull.Build(ctx, images) is { } prepull) objects.Add(prepull);

        objects.AddRange(SiteKeycloak.Build(ctx, ctx.ProductSecret));
        foreach (var account in site.Spec.ExtraSiteServiceAccounts ?? [])
            objects.Add(Kube.New<V1ServiceAccount>(ctx.Named(account.NameSuffix!), ctx.Namespace, ctx.Labels, Kube.SortedOrNull(account.Annotations)));
        objects.AddRange(SiteNetworkPolicies.Build(ctx));
        return new RenderedSite(objects, products);
    }

    /// <summary>The names of every object a Site of this name may render, by kind key, for deleting what it no longer does.</summary>
    public static IEnumerable<string> NetworkPolicyNames(string site) =>
        new[] { "chronicle", "connect", "connect-session", "home", "keycloak", "packagemanager", "workbench", "workbench-session" }.Select(s => $"{site}-{s}");
}
