using k8s.Models;
using Fleetdeck.Rollouts.Api;

namespace Fleetdeck.Rollouts.Tests.EndToEnd;

/// <summary>Revisions for the end-to-end tests: one target, released at any time, with or without a canary.</summary>
internal static class Revisions
{
    public static Revision Make(string app, string tag, int canaryPercent = 0, long canaryTtl = 60, string fleet = "production", string target = "production") => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{app}-{tag}", NamespaceProperty = "default" },
        Spec = new RevisionSpec
        {
            App = new AppSpec { Name = app, Ref = "main", Tag = tag, Image = $"registry.local/{app}:{tag}" },
            Targets =
            [
                new RevisionTarget
                {
                    Name = target,
                    Fleet = fleet,
                    Scale = new ScaleSpec { Default = 3 },
                    Release = new ReleaseSpec { Eligible = true, Schedule = "always" },
                    Canary = canaryPercent > 0 ? new CanarySpec { Percent = canaryPercent, Ttl = canaryTtl } : null,
                    ServiceLevelObjectives = canaryPercent > 0 ? [Slo.SloRulesTests.Availability()] : null,
                },
            ],
        },
    };
}
