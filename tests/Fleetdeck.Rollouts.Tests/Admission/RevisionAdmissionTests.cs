using k8s.Models;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Rollouts.Api;

namespace Fleetdeck.Rollouts.Tests.Admission;

/// <summary>Admission runs in the store on every write: what loops or overflows in the anchor is refused with its field path.</summary>
public sealed class RevisionAdmissionTests : IAsyncLifetime
{
    private readonly TestStore _store = new(kinds: RolloutsModule.Register(KindRegistry.CreateDefault()));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _store.DisposeAsync();

    public static Revision Valid(string name = "web-abc") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new RevisionSpec
        {
            App = new AppSpec { Name = "web", Ref = "main", Tag = "abc", Image = "registry.local/web:abc" },
            Targets = [new RevisionTarget { Name = "production", Fleet = "production", Release = new ReleaseSpec { Eligible = true } }],
        },
    };

    private async Task<InvalidObjectException> RejectAsync(Action<Revision> change)
    {
        var revision = Valid();
        change(revision);
        return await Should.ThrowAsync<InvalidObjectException>(() => _store.Store.CreateAsync(revision));
    }

    [Fact]
    public async Task Defaults_are_filled_in_on_write()
    {
        var created = await _store.Store.CreateAsync(Valid());
        var release = created.Spec.Targets[0].Release;
        release.Max.ShouldBe(100);
        release.ScalingStrategy.ShouldBe("geometric");
        release.GeometricScaling!.Start.ShouldBe(10);
        release.GeometricScaling.Factor.ShouldBe(2);
        release.GeometricScaling.Delay.ShouldBe("10s");
        release.Schedule.ShouldBe("inhumane");
        release.Ttl.ShouldBe(432000);
        created.Spec.Targets[0].Scale.Default.ShouldBe(1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-2)]
    public async Task A_geometric_factor_of_one_or_less_is_refused(int factor)
    {
        var e = await RejectAsync(r => r.Spec.Targets[0].Release.GeometricScaling = new GeometricScaling { Factor = factor });
        e.Causes.ShouldContain(c => c.Field == "spec.targets[0].release.geometricScaling.factor" && c.Message.Contains("greater than 1"));
    }

    [Fact]
    public async Task A_canary_percent_above_100_is_refused()
    {
        var e = await RejectAsync(r => r.Spec.Targets[0].Canary = new CanarySpec { Percent = 150, Ttl = 60 });
        e.Causes.ShouldContain(c => c.Field == "spec.targets[0].canary.percent");
    }

    [Fact]
    public async Task A_linear_increment_of_zero_is_refused()
    {
        var e = await RejectAsync(r =>
        {
            r.Spec.Targets[0].Release.ScalingStrategy = "linear";
            r.Spec.Targets[0].Release.LinearScaling = new LinearScaling { Increment = 0 };
        });
        e.Causes.ShouldContain(c => c.Field == "spec.targets[0].release.linearScaling.increment");
    }

    [Fact]
    public async Task Negative_ttls_and_delays_are_refused()
    {
        var e = await RejectAsync(r =>
        {
            r.Spec.Targets[0].Release.Ttl = -1;
            r.Spec.Targets[0].Canary = new CanarySpec { Percent = 10, Ttl = -5 };
            r.Spec.Targets[0].Release.GeometricScaling = new GeometricScaling { Delay = "-10s" };
        });
        e.Causes.Select(c => c.Field).ShouldBe(["spec.targets[0].release.ttl", "spec.targets[0].release.geometricScaling.delay", "spec.targets[0].canary.ttl"], ignoreOrder: true);
    }

    [Fact]
    public async Task Unknown_strategies_and_schedules_are_refused_with_the_allowed_values()
    {
        var e = await RejectAsync(r =>
        {
            r.Spec.Targets[0].Release.ScalingStrategy = "exponential";
            r.Spec.Targets[0].Release.Schedule = "Humane";
        });
        e.Causes.ShouldContain(c => c.Field == "spec.targets[0].release.scalingStrategy" && c.Message.Contains("\"geometric\""));
        e.Causes.ShouldContain(c => c.Field == "spec.targets[0].release.schedule");
    }

    [Fact]
    public async Task Release_max_above_100_and_missing_app_fields_are_refused()
    {
        var e = await RejectAsync(r =>
        {
            r.Spec.Targets[0].Release.Max = 101;
            r.Spec.App.Image = null;
            r.Spec.Targets.Add(new RevisionTarget { Name = "production", Fleet = "x" });
        });
        e.Causes.ShouldContain(c => c.Field == "spec.targets[0].release.max");
        e.Causes.ShouldContain(c => c.Field == "spec.app.image" && c.Reason == FieldError.Required);
        e.Causes.ShouldContain(c => c.Field == "spec.targets[1].name" && c.Reason == FieldError.Duplicate);
        e.Message.ShouldContain("web-abc");
    }

    [Fact]
    public async Task A_tag_cannot_change()
    {
        var created = await _store.Store.CreateAsync(Valid());
        created.Spec.App.Tag = "def";
        var e = await Should.ThrowAsync<InvalidObjectException>(() => _store.Store.UpdateAsync(created));
        e.Causes.ShouldContain(c => c.Field == "spec.app.tag");
    }

    [Fact]
    public async Task A_cluster_needs_a_way_in_a_fleet_and_a_positive_scaling_factor()
    {
        var e = await Should.ThrowAsync<InvalidObjectException>(() => _store.Store.CreateAsync(new Cluster
        {
            Metadata = new V1ObjectMeta { Name = "c1", NamespaceProperty = "default" },
            Spec = new ClusterSpec { Enabled = true, ScalingFactorString = "0" },
        }));
        e.Causes.Select(c => c.Field).ShouldBe(["spec.kubeconfigSecret", "spec.scalingFactorString", $"metadata.labels[{RolloutsGroup.FleetLabel}]"], ignoreOrder: true);
    }
}
