using Fleetdeck.Fleet.Targets;

namespace Fleetdeck.Fleet.Tests.Targets;

public sealed class TargetsDirectoryTests
{
    private const string Room = """
        apiVersion: fleet.fleetdeck.dev/v1alpha1
        kind: ControlRoom
        spec:
          controlPlane:
            stateDir: state
          fleets:
            - name: prod
        """;

    private static string Workload(string extra = "", string org = "") => $"""
        apiVersion: fleet.fleetdeck.dev/v1alpha1
        kind: Workload
        spec:
          controlRoom: ctrl01
          domain: a.example.com
        {(org.Length > 0 ? $"  orgId: {org}\n" : "")}{extra}
        """;

    [Fact]
    public void The_examples_load_without_problems_in_both_formats()
    {
        var native = TargetsDirectory.Load(TargetsDir.Example("targets"));
        native.Names.ShouldBe(["ctrl01", "acme", "globex"]);
        foreach (var name in native.Names) native.ErrorsOf(name).ShouldBeEmpty();
        var acme = (WorkloadTarget)native.Resolve("acme");
        acme.OrgId.ShouldBe("acme");
        acme.Namespace.ShouldBe("org-acme");
        acme.Products.ShouldBe(["connect", "workbench", "packageManager"]);
        acme.ExtraDatabases.ShouldBe(["analytics"]);
        acme.Sites.Single().Spec["domain"]!.GetValue<string>().ShouldBe("acme.example.com");
        var globex = (WorkloadTarget)native.Resolve("globex");
        globex.Sites.Single().Spec["packageManager"]!["enabled"]!.GetValue<bool>().ShouldBeFalse();

        var ptd = TargetsDirectory.Load(TargetsDir.Example("targets-ptd"));
        foreach (var name in ptd.Names) ptd.ErrorsOf(name).ShouldBeEmpty();
        var aws = (WorkloadTarget)ptd.Resolve("workload01");
        aws.Cloud.ShouldBe("aws");
        aws.Infrastructure.ShouldBe("claims");
        aws.ControlRoom.ShouldBe("main01-staging");
        aws.DatabaseSizeGi.ShouldBe(50);
        aws.StorageSizeGi.ShouldBe(300);
        aws.NetworkCidr.ShouldBe("10.40.0.0/16");
        aws.ZoneCount.ShouldBe(3);
        aws.ExtraDatabases.ShouldBe(["reporting"]);
        aws.Sites.Single().Name.ShouldBe("main");
        aws.Sites.Single().Spec["connect"].ShouldNotBeNull();
        var azure = (WorkloadTarget)ptd.Resolve("workload02");
        azure.Cloud.ShouldBe("azure");
        azure.StorageSizeGi.ShouldBe(300);
        azure.NetworkCidr.ShouldBe("10.50.0.0/16");
        ((ControlRoomTarget)ptd.Resolve("main01-staging")).Domain.ShouldBe("ctrl.example.com");
    }

    [Fact]
    public void A_missing_targets_directory_says_how_to_point_at_one()
    {
        var e = Should.Throw<TargetsException>(() => TargetsDirectory.Load("/nonexistent/targets"));
        e.Errors.Single().ToString().ShouldBe("/nonexistent/targets: targets directory does not exist: create it with __ctrl__/ and __work__/, or point --targets-config-dir (or FLEETDECK_TARGETS_CONFIG_DIR, or targets_config_dir in the config file) at yours");
    }

    [Fact]
    public void An_unknown_target_lists_the_known_ones_and_the_nearest()
    {
        using var dir = new TargetsDir();
        dir.Write("__ctrl__/ctrl01/fleetdeck.yaml", Room);
        dir.Write("__work__/acme/fleetdeck.yaml", Workload());
        var e = Should.Throw<TargetsException>(() => TargetsDirectory.Load(dir.Path).Resolve("acne"));
        e.Errors.Single().Message.ShouldBe("unknown target \"acne\": did you mean \"acme\"? (control rooms: ctrl01; workloads: acme)");
    }

    [Fact]
    public void A_workload_naming_a_missing_control_room_points_at_its_line()
    {
        using var dir = new TargetsDir();
        dir.Write("__ctrl__/ctrl01/fleetdeck.yaml", Room);
        var file = dir.Write("__work__/acme/fleetdeck.yaml", Workload().Replace("controlRoom: ctrl01", "controlRoom: ctrl02"));
        var e = Should.Throw<TargetsException>(() => TargetsDirectory.Load(dir.Path).Resolve("acme"));
        var error = e.Errors.Single();
        error.File.ShouldBe(file);
        error.Line.ShouldBe(4);
        error.Field.ShouldBe("spec.controlRoom");
        error.Message.ShouldBe("control room \"ctrl02\" does not exist (have: ctrl01): add __ctrl__/ctrl02/ or fix the name");
    }

    [Fact]
    public void A_duplicate_org_id_is_an_error_on_both_workloads_naming_the_other()
    {
        using var dir = new TargetsDir();
        dir.Write("__ctrl__/ctrl01/fleetdeck.yaml", Room);
        var a = dir.Write("__work__/a/fleetdeck.yaml", Workload(org: "acme"));
        var b = dir.Write("__work__/b/fleetdeck.yaml", Workload(org: "acme"));
        var targets = TargetsDirectory.Load(dir.Path);
        var e = Should.Throw<TargetsException>(() => targets.Resolve("a"));
        e.Errors.Single().ToString().ShouldBe($"{a}:6: spec.orgId: org id \"acme\" is also used by {b}: give each workload its own spec.orgId");
        Should.Throw<TargetsException>(() => targets.Resolve("b")).Errors.Single().Message.ShouldContain(a);
    }

    [Fact]
    public void A_misspelt_field_is_an_error_with_its_line_and_the_intended_name()
    {
        using var dir = new TargetsDir();
        dir.Write("__ctrl__/ctrl01/fleetdeck.yaml", Room);
        var file = dir.Write("__work__/acme/fleetdeck.yaml", Workload("  databse:\n    sizeGi: 3\n"));
        var e = Should.Throw<TargetsException>(() => TargetsDirectory.Load(dir.Path).Resolve("acme"));
        e.Errors.Single().ToString().ShouldBe($"{file}:6: spec.databse: unknown field \"databse\": did you mean \"database\"?");
    }

    [Fact]
    public void A_broken_workload_does_not_stop_the_others()
    {
        using var dir = new TargetsDir();
        dir.Write("__ctrl__/ctrl01/fleetdeck.yaml", Room);
        dir.Write("__work__/bad/fleetdeck.yaml", "apiVersion: fleet.fleetdeck.dev/v1alpha1\nkind: Workload\nspec: [\n");
        dir.Write("__work__/good/fleetdeck.yaml", Workload());
        var targets = TargetsDirectory.Load(dir.Path);
        targets.Resolve("good").ShouldBeOfType<WorkloadTarget>();
        Should.Throw<TargetsException>(() => targets.Resolve("bad")).Errors.Single().Message.ShouldStartWith("invalid YAML");
        targets.WorkloadNamesOf("ctrl01").ShouldBe(["bad", "good"]);
    }

    // Each bad input: one line naming the field and what to do.
    [Theory]
    [InlineData("  domain: Not A Domain\n", "spec.domain", "\"Not A Domain\" is not a domain name")]
    [InlineData("  products: [connect, shiny]\n", "spec.products[1]", "\"shiny\" is not supported: use one of connect, workbench, packageManager, chronicle, flightdeck")]
    [InlineData("  database:\n    sizeGi: lots\n", "spec.database.sizeGi", "expected a whole number, got the string \"lots\"")]
    [InlineData("  network:\n    cidr: 10.0.0.0/99\n", "spec.network.cidr", "\"10.0.0.0/99\" is not a CIDR block")]
    [InlineData("  retentionPolicy: Forever\n", "spec.retentionPolicy", "\"Forever\" is not supported: use one of Retain, Delete")]
    [InlineData("  fleet: staging\n", "spec.fleet", "control room \"ctrl01\" has no fleet \"staging\" (has: prod)")]
    [InlineData("  orgId: Acme_Corp\n", "spec.orgId", "\"Acme_Corp\" is not a DNS label")]
    [InlineData("  siteRef: missing.yaml\n", "spec.siteRef", "site file")]
    public void Bad_workload_fields(string extra, string field, string message)
    {
        using var dir = new TargetsDir();
        dir.Write("__ctrl__/ctrl01/fleetdeck.yaml", Room);
        dir.Write("__work__/acme/fleetdeck.yaml", Workload().Replace("  domain: a.example.com\n", extra.Contains("domain:", StringComparison.Ordinal) ? "" : "  domain: a.example.com\n") + extra);
        var error = Should.Throw<TargetsException>(() => TargetsDirectory.Load(dir.Path).Resolve("acme")).Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(field);
        error.Message.ShouldContain(message);
        error.Line.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("AWSControlRoomConfig", "__ctrl__", "  account_id: 12345\n", "spec.account_id", "expected a string, got the number 12345 (quote it")]
    [InlineData("AWSControlRoomConfig", "__ctrl__", "  account_id: \"12345\"\n", "spec.account_id", "\"12345\" is not an AWS account id (12 digits)")]
    [InlineData("AWSControlRoomConfig", "__ctrl__", "  eks_k8s_version: 1.30\n", "spec.eks_k8s_version", "expected a string, got the number 1.3")]
    [InlineData("AWSControlRoomConfig", "__ctrl__", "  eks_node_group_min: 5\n  eks_node_group_max: 3\n", "spec.eks_node_group_min", "5 is above eks_node_group_max (3)")]
    [InlineData("AWSControlRoomConfig", "__ctrl__", "  regoin: us-east-1\n", "spec.regoin", "did you mean \"region\"?")]
    [InlineData("AWSWorkloadConfig", "__work__", "  network_trust: SOME\n", "spec.network_trust", "use one of ZERO, SAMESITE, FULL")]
    [InlineData("AWSWorkloadConfig", "__work__", "  clusters:\n    march:\n      spec: {}\n", "spec.clusters.march", "is not a date (YYYYMMDD)")]
    [InlineData("AWSWorkloadConfig", "__work__", "  vpc_az_count: 9\n", "spec.vpc_az_count", "9 is out of range: use 1 to 6")]
    [InlineData("AWSWorkloadConfig", "__work__", "  clusters:\n    \"20260101\":\n      spec:\n        components:\n          traefik_version: 3\n", "spec.clusters.20260101.spec.components.traefik_version", "expected a version string")]
    [InlineData("AzureWorkloadConfig", "__work__", "  clusters:\n    \"20260101\":\n      user_node_pools: []\n", "spec.clusters.20260101.user_node_pools", "at least one user node pool")]
    [InlineData("AzureWorkloadConfig", "__work__", "  tenant_id: not-a-guid\n", "spec.tenant_id", "is not a GUID")]
    [InlineData("Workload", "__work__", "", "kind", "unknown kind \"Workload\": use AWSWorkloadConfig or AzureWorkloadConfig")]
    public void Bad_ptd_fields(string kind, string folder, string extra, string field, string message)
    {
        using var dir = TargetsDir.CopyOf("targets-ptd");
        var name = folder == "__ctrl__" ? "main01-staging" : kind == "AzureWorkloadConfig" ? "workload02" : "workload01";
        var path = Path.Combine(dir.Path, folder, name, "ptd.yaml");
        var text = File.ReadAllText(path);
        foreach (var key in extra.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal)).Select(l => l.Trim().Split(':')[0]))
            text = string.Join('\n', RemoveKey(text.Split('\n'), key));
        if (kind == "Workload") text = text.Replace("kind: AWSWorkloadConfig", "kind: Workload");
        File.WriteAllText(path, text.TrimEnd('\n') + "\n" + extra);
        var errors = Should.Throw<TargetsException>(() => TargetsDirectory.Load(dir.Path).Resolve(name)).Errors;
        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(field);
        error.Message.ShouldContain(message);
    }

    /// <summary>Drops a top-level spec key (and its nested lines), so the test's own value is the only one.</summary>
    private static IEnumerable<string> RemoveKey(string[] lines, string key)
    {
        var skipping = false;
        foreach (var line in lines)
        {
            if (line.StartsWith($"  {key}:", StringComparison.Ordinal)) { skipping = true; continue; }
            if (skipping && line.StartsWith("   ", StringComparison.Ordinal)) continue;
            skipping = false;
            yield return line;
        }
    }

    [Fact]
    public void A_target_in_both_folders_and_a_kind_in_the_wrong_folder_are_errors()
    {
        using var dir = new TargetsDir();
        dir.Write("__ctrl__/ctrl01/fleetdeck.yaml", Room);
        dir.Write("__work__/ctrl01/fleetdeck.yaml", Workload());
        dir.Write("__work__/misplaced/fleetdeck.yaml", Room);
        var targets = TargetsDirectory.Load(dir.Path);
        targets.ErrorsOf("ctrl01").ShouldContain(e => e.Message.Contains("is both a control room and a workload"));
        Should.Throw<TargetsException>(() => targets.Resolve("misplaced")).Errors.Single().Message.ShouldBe("a ControlRoom belongs in __ctrl__/, not here: move the folder");
    }
}
