using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Fleet.Tests.Ensure;

/// <summary>
/// <c>fleetdeck ensure</c> of a control room and two workloads against an embedded control plane, with the databases on a
/// real PostgreSQL: everything Ready, a second run changes nothing, a changed domain shows its diff and applies, and a
/// failure in postgres_config stops the run until <c>--from postgres_config</c> completes it.
/// </summary>
public sealed class EnsureEndToEndTests(FleetControlPlane plane) : IClassFixture<FleetControlPlane>, IDisposable
{
    private readonly TargetsDir _targets = new();
    private readonly TempDirectory _state = new("fleet-outputs");

    public void Dispose()
    {
        _targets.Dispose();
        _state.Dispose();
    }

    private void WriteTargets(string adminUrl, string prefix)
    {
        var urlFile = _targets.Write("admin-url", adminUrl);
        _targets.Write("__ctrl__/ctrl01/fleetdeck.yaml", $"""
            apiVersion: fleet.fleetdeck.dev/v1alpha1
            kind: ControlRoom
            spec:
              controlPlane:
                stateDir: {plane.StateDir}
              postgres:
                urlFrom:
                  file: {urlFile}
              fleets:
                - name: production
            """);
        foreach (var name in new[] { "one", "two" })
            _targets.Write($"__work__/{prefix}{name}/fleetdeck.yaml", $"""
                apiVersion: fleet.fleetdeck.dev/v1alpha1
                kind: Workload
                spec:
                  controlRoom: ctrl01
                  fleet: production
                  domain: {prefix}{name}.example.com
                  products: [connect, packageManager]
                  database:
                    sizeGi: 5
                    extraDatabases: [analytics]
                  storage:
                    sizeGi: 10
                """);
    }

    private Task<FleetRun> Ensure(params string[] args) =>
        FleetRun.RunAsync(["ensure", "--targets-config-dir", _targets.Path, "--state-dir", _state.Path, .. args.Contains("--ready-timeout") ? Array.Empty<string>() : ["--ready-timeout", "120s"], .. args]);

    [Fact]
    public async Task Ensure_makes_everything_Ready_then_changes_nothing_then_applies_a_changed_domain()
    {
        WriteTargets(plane.AdminUrl, "e2e-");
        var store = plane.Host.Store;

        var room = await Ensure("ctrl01", "--auto-approve");
        room.ExitCode.ShouldBe(0, room.ToString());
        room.Output.ShouldContain("cluster: skipped");

        foreach (var name in new[] { "e2e-one", "e2e-two" })
        {
            var run = await Ensure(name, "--auto-approve");
            run.ExitCode.ShouldBe(0, run.ToString());
            var site = await store.GetAsync<Site>($"org-{name}", name);
            site.ShouldNotBeNull();
            site.Status.Find(Conditions.Ready)?.Status.ShouldBe(Conditions.True);
            var db = await store.GetAsync<PostgresDatabase>($"org-{name}", $"{name}-db");
            db!.Status.Find(Conditions.Ready)?.Status.ShouldBe(Conditions.True);
            (await plane.DatabaseExistsAsync(name.Replace('-', '_'))).ShouldBeTrue();
            (await plane.DatabaseExistsAsync(name.Replace('-', '_') + "_analytics")).ShouldBeTrue();
            var outputs = File.ReadAllText(Path.Combine(_state.Path, name, "outputs.json"));
            outputs.ShouldContain("\"persistent_reprise\"");
            outputs.ShouldNotContain(plane.AdminUrl.Split(':')[2].Split('@')[0]); // the admin password never lands in outputs
        }

        // A second ensure changes nothing: the dry run exits 0, and an apply writes no object.
        var again = await Ensure("e2e-one", "--dry-run");
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Output.ShouldContain("No changes.");
        var version = await LatestVersionAsync(store);
        var noop = await Ensure("e2e-one");
        noop.ExitCode.ShouldBe(0, noop.ToString());
        (await LatestVersionAsync(store)).ShouldBe(version, "an ensure with nothing to change writes nothing");

        var all = await Ensure("--all", "ctrl01", "--dry-run");
        all.ExitCode.ShouldBe(0, all.ToString());
        all.Output.ShouldContain("2 workload(s) of ctrl01: 2 ok, 0 failed");

        // --all goes on past a broken workload and names it in the summary.
        var broken = _targets.Write("__work__/e2e-three/fleetdeck.yaml", "apiVersion: fleet.fleetdeck.dev/v1alpha1\nkind: Workload\nspec:\n  controlRoom: ctrl01\n  domian: x.example.com\n");
        var partly = await Ensure("--all", "ctrl01", "--dry-run", "--concurrency", "2");
        partly.ExitCode.ShouldBe(1, partly.ToString());
        partly.Output.ShouldContain("3 workload(s) of ctrl01: 2 ok, 1 failed");
        partly.Output.ShouldContain("(concurrency 2)");
        partly.Error.ShouldContain($"{broken}:5: spec.domian: unknown field \"domian\": did you mean \"domain\"?");
        File.Delete(broken);
        Directory.Delete(Path.GetDirectoryName(broken)!);

        // A changed domain: the plan shows the Site's diff (exit 2), and applying it makes the Site Ready on the new domain.
        var file = Path.Combine(_targets.Path, "__work__", "e2e-one", "fleetdeck.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("domain: e2e-one.example.com", "domain: one.example.org"));
        var plan = await Ensure("e2e-one", "--dry-run");
        plan.ExitCode.ShouldBe(2, plan.ToString());
        plan.Output.ShouldContain("~ update Site org-e2e-one/e2e-one");
        plan.Output.ShouldContain("-   domain: e2e-one.example.com");
        plan.Output.ShouldContain("+   domain: one.example.org");
        plan.Output.ShouldContain("Plan: 0 to create, 1 to change, 0 to delete.");

        var unapproved = await Ensure("e2e-one");
        unapproved.ExitCode.ShouldBe(1);
        unapproved.Error.ShouldContain("rerun with --auto-approve");

        var apply = await Ensure("e2e-one", "--auto-approve");
        apply.ExitCode.ShouldBe(0, apply.ToString());
        var changed = await store.GetAsync<Site>("org-e2e-one", "e2e-one");
        changed!.Spec.Domain.ShouldBe("one.example.org");
        changed.Status.Find(Conditions.Ready)?.Status.ShouldBe(Conditions.True);
        (await Ensure("e2e-one", "--dry-run")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task A_failure_in_postgres_config_stops_the_run_and_from_postgres_config_completes_it()
    {
        // The admin may log in but not create roles or databases: postgres_config cannot become Ready.
        var weak = await plane.CreateAdminAsync(canCreate: false);
        WriteTargets(weak, "fail-");
        (await Ensure("ctrl01", "--auto-approve")).ExitCode.ShouldBe(0);

        var failed = await Ensure("fail-one", "--auto-approve", "--ready-timeout", "4s");
        failed.ExitCode.ShouldBe(1, failed.ToString());
        failed.Output.ShouldContain("postgres_config: failed");
        failed.Error.ShouldContain("step postgres_config failed: PostgresDatabase org-fail-one/fail-one-db was not Ready within 4s: Ready=False");
        failed.Error.ShouldContain("resume with: fleetdeck ensure fail-one --from postgres_config");
        (await plane.Host.Store.GetAsync<Site>("org-fail-one", "fail-one")).ShouldBeNull("steps after the failed one do not run");

        var role = new Uri(weak).UserInfo.Split(':')[0];
        await plane.SqlAsync($"ALTER ROLE {role} CREATEDB CREATEROLE");
        var resumed = await Ensure("fail-one", "--auto-approve", "--from", "postgres_config");
        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        resumed.Output.ShouldNotContain("bootstrap:");
        (await plane.Host.Store.GetAsync<Site>("org-fail-one", "fail-one"))!.Status.Find(Conditions.Ready)?.Status.ShouldBe(Conditions.True);
        (await Ensure("fail-one", "--dry-run")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Destroy_runs_the_steps_in_reverse_and_keeps_the_retained_data()
    {
        WriteTargets(plane.AdminUrl, "gone-");
        (await Ensure("ctrl01", "--auto-approve")).ExitCode.ShouldBe(0);
        (await Ensure("gone-one", "--auto-approve")).ExitCode.ShouldBe(0);
        var store = plane.Host.Store;

        var plan = await Ensure("gone-one", "--destroy", "--dry-run", "--output", "json");
        plan.ExitCode.ShouldBe(2, plan.ToString());
        var json = System.Text.Json.Nodes.JsonNode.Parse(plan.Output)!;
        json["steps"]!.AsArray().Select(s => s!["step"]!.GetValue<string>()).ShouldBe(["persistent_reprise", "sites", "cluster", "postgres_config", "persistent", "bootstrap"]);
        var deletes = json["steps"]!.AsArray().SelectMany(s => s!["changes"]!.AsArray()).Select(c => $"{c!["kind"]} {c["name"]}").ToList();
        deletes.ShouldBe(["Site gone-one", "PostgresDatabase gone-one-db-analytics", "PostgresDatabase gone-one-db", "Secret gone-one-workload"]);
        plan.Output.ShouldContain("keeps PersistentVolumeClaim org-gone-one/gone-one-storage (retention policy Retain)");

        var destroy = await Ensure("gone-one", "--destroy", "--auto-approve");
        destroy.ExitCode.ShouldBe(0, destroy.ToString());
        (await store.GetAsync<Site>("org-gone-one", "gone-one")).ShouldBeNull();
        (await store.GetAsync<PostgresDatabase>("org-gone-one", "gone-one-db")).ShouldBeNull();
        (await store.GetAsync<k8s.Models.V1Secret>("org-gone-one", "gone-one-workload")).ShouldBeNull();
        (await store.GetAsync<k8s.Models.V1PersistentVolumeClaim>("org-gone-one", "gone-one-storage")).ShouldNotBeNull("storage is retained");
        (await plane.DatabaseExistsAsync("gone_one")).ShouldBeTrue("the database is retained");
        File.ReadAllText(Path.Combine(_state.Path, "gone-one", "outputs.json")).ShouldNotContain("\"sites\"");
    }

    /// <summary>The resourceVersions of everything ensure made for a workload: any write changes one.</summary>
    private static async Task<string> LatestVersionAsync(IObjectStore store, string name = "e2e-one")
    {
        var ns = $"org-{name}";
        var versions = new List<string?>
        {
            (await store.GetAsync<k8s.Models.V1Namespace>(null, ns))?.Metadata.ResourceVersion,
            (await store.GetAsync<k8s.Models.V1Secret>(ns, $"{name}-workload"))?.Metadata.ResourceVersion,
            (await store.GetAsync<k8s.Models.V1PersistentVolumeClaim>(ns, $"{name}-storage"))?.Metadata.ResourceVersion,
            (await store.GetAsync<PostgresDatabase>(ns, $"{name}-db"))?.Metadata.ResourceVersion,
            (await store.GetAsync<PostgresDatabase>(ns, $"{name}-db-analytics"))?.Metadata.ResourceVersion,
            (await store.GetAsync<Site>(ns, name))?.Metadata.ResourceVersion,
        };
        versions.ShouldAllBe(v => v != null);
        return string.Join(",", versions);
    }
}
