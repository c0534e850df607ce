using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Cli.Tests.Team;

/// <summary>An example Site through <c>fleetdeck up</c>: apply, see it Ready in <c>get sites</c>, delete it and everything it owns.</summary>
public sealed class SiteCommandTests(TeamControlPlaneFixture plane) : IClassFixture<TeamControlPlaneFixture>
{
    /// <summary>Stand-in for the database provisioner (a separate part): marks this Site's databases Ready.</summary>
    private async Task ProvisionDatabasesAsync(string site)
    {
        var store = plane.Host.Store;
        foreach (var db in await store.ListAsync<PostgresDatabase>(new ListOptions { Namespace = "posit-team", LabelSelector = LabelSelector.Parse($"posit.team/site={site}") }))
            await store.MutateAsync<PostgresDatabase>("posit-team", db.Metadata.Name, d =>
            {
                d.Status.ObservedGeneration = d.Metadata.Generation;
                return d.Status.Set(Conditions.Ready, true, "Provisioned", "marked by the test, as the provisioner would", d.Metadata.Generation, DateTimeOffset.UtcNow) | true;
            }, status: true);
    }

    [Fact]
    public async Task An_applied_example_site_and_its_products_become_ready_in_get_sites_and_deleting_it_removes_everything()
    {
        var example = Path.Combine(RenderCommandTests.RepositoryRoot(), "examples", "sites", "minimal.yaml");

        var apply = await plane.RunAsync("apply", "-f", example);
        apply.ExitCode.ShouldBe(0, apply.ToString());
        apply.Output.ShouldBe("site.core.posit.team/minimal created\n");

        var waiting = await Eventually.GetAsync(() => plane.RunAsync("get", "sites", "-n", "posit-team"), r => r.Output.Contains("ConnectNotReady"), TimeSpan.FromSeconds(30), "the Site shows what it waits for");
        waiting.Output.ShouldContain("False");

        await Eventually.HoldsAsync(async () =>
        {
            await ProvisionDatabasesAsync("minimal");
            var sites = await plane.RunAsync("get", "sites", "-n", "posit-team");
            return sites.Output.Contains("AllProductsReady");
        }, TimeSpan.FromSeconds(60), "the Site becomes Ready");

        var table = (await plane.RunAsync("get", "sites", "-n", "posit-team")).Output.Split('\n');
        table[0].ShouldMatch(@"^NAME\s+DOMAIN\s+READY\s+REASON\s+AGE\s*$");
        table[1].ShouldMatch(@"^minimal\s+minimal\.example\.com\s+True\s+AllProductsReady\s+\d+s\s*$");
        foreach (var product in new[] { "connects", "workbenches", "packagemanagers", "chronicles", "flightdecks" })
        {
            var row = (await plane.RunAsync("get", product, "minimal", "-n", "posit-team")).Output.Split('\n')[1];
            row.ShouldMatch(@"^minimal\s+.*\sTrue\s+Available\s", $"{product} is Ready");
        }
        (await plane.RunAsync("get", "deployments", "minimal-connect", "-n", "posit-team", "-o", "yaml")).Output.ShouldContain("simulated by fleetdeck up");

        var delete = await plane.RunAsync("delete", "site", "minimal", "-n", "posit-team");
        delete.ExitCode.ShouldBe(0, delete.ToString());
        await Eventually.HoldsAsync(async () =>
        {
            var left = 0;
            foreach (var kind in plane.Host.Store.Kinds.All)
                left += (await plane.Host.Store.ListAsync(kind, new ListOptions { LabelSelector = LabelSelector.Parse("posit.team/site=minimal") })).Items.Count;
            return left == 0;
        }, TimeSpan.FromSeconds(30), "deleting the Site removes everything it owns");
    }

    [Fact]
    public async Task Apply_refuses_a_bad_site_with_the_field_path_and_allowed_values()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-site-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "apiVersion: core.posit.team/v1beta1\nkind: Site\nmetadata: {name: bad, namespace: posit-team}\nspec:\n  domain: bad.example.com\n  volumeSource: {type: efs, volumeId: v, dnsName: d}\n");
        try
        {
            var run = await plane.RunAsync("apply", "-f", file);

            run.ExitCode.ShouldBe(1);
            run.Error.ShouldContain("spec.volumeSource.type: Unsupported value: \"efs\": supported values: \"\", \"fsx-zfs\", \"nfs\", \"azure-netapp\"");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
