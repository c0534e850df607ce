using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Rendering;

namespace Fleetdeck.TeamOperator.Sites.Defaults;

/// <summary>The Flightdeck object a Site asks for, served on the Site's bare domain.</summary>
internal static class FlightdeckDefaults
{
    /// <summary>Empty: the default image at <c>latest</c>; with a <c>/</c>: the image itself; otherwise a tag of the default image.</summary>
    public static string Image(string? image) =>
        string.IsNullOrEmpty(image) ? $"{Images.Flightdeck}:latest"
        : image.Contains('/', StringComparison.Ordinal) ? image
        : $"{Images.Flightdeck}:{image}";

    public static Api.Flightdeck Build(SiteContext site)
    {
        var s = site.Spec.Flightdeck ?? new SiteFlightdeckSpec();
        var flightdeck = Kube.New<Api.Flightdeck>(site.Name, site.Namespace, site.ProductLabels);
        flightdeck.Spec = new FlightdeckSpec
        {
            SiteName = site.Name,
            Image = Image(s.Image),
            ImagePullPolicy = s.ImagePullPolicy,
            Port = 8080,
            Replicas = s.Replicas is null or 0 ? 1 : s.Replicas,
            FeatureEnabler = s.FeatureEnabler,
            Domain = site.Domain,
            IngressClass = site.Spec.IngressClass,
            IngressAnnotations = SiteContext.Map(site.Spec.IngressAnnotations),
            ImagePullSecrets = SiteContext.List(site.Spec.ImagePullSecrets),
            AwsAccountId = site.Spec.AwsAccountId,
            ClusterDate = site.Spec.ClusterDate,
            WorkloadCompoundName = site.Spec.WorkloadCompoundName,
            LogLevel = s.LogLevel ?? "info",
            LogFormat = s.LogFormat ?? "text",
        };
        return flightdeck;
    }
}
