using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Kubernetes.Install;
using Fleetdeck.Kubernetes.Tests.Store;
using Fleetdeck.Cli;

namespace Fleetdeck.Kubernetes.Tests.Install;

public sealed class InstallManifestsTests
{
    private static InstallParts TestInstall(InstallOptions? options = null) =>
        InstallManifests.Build(TestModules.TestCatalog(), options ?? new InstallOptions { Image = "ghcr.io/fleetdeck/fleetdeck:test" });

    private static T Single<T>(InstallParts parts, string? name = null) where T : IKubernetesObject<V1ObjectMeta> =>
        parts.All.OfType<T>().Single(o => name is null || o.Metadata.Name == name);

    [Fact]
    public void The_install_is_stable_to_the_byte()
    {
        GoldenFile.Check("install.yaml", InstallManifests.ToYaml(TestInstall().All));
        GoldenFile.Check("install-watch-namespaces.yaml", InstallManifests.ToYaml(TestInstall(new InstallOptions
        {
            Image = "ghcr.io/fleetdeck/fleetdeck:test",
            Namespace = "ops",
            WatchNamespaces = ["team-b", "team-a"],
            Replicas = 1,
        }).All));
    }

    [Fact]
    public void Objects_come_in_apply_order()
    {
        TestInstall().All.Select(o => o.Kind).ShouldBe(
        [
            "Namespace", "CustomResourceDefinition", "CustomResourceDefinition",
            "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
            "Deployment", "Service",
        ]);
    }

    [Fact]
    public void The_operator_runs_non_root_on_a_read_only_root_filesystem_with_probes_and_resources()
    {
        var deployment = Single<V1Deployment>(TestInstall());
        var pod = deployment.Spec.Template.Spec;
        var container = pod.Containers.ShouldHaveSingleItem();

        pod.ServiceAccountName.ShouldBe(InstallManifests.Name);
        pod.SecurityContext.RunAsNonRoot.ShouldBe(true);
        pod.SecurityContext.SeccompProfile.Type.ShouldBe("RuntimeDefault");
        container.SecurityContext.ReadOnlyRootFilesystem.ShouldBe(true);
        container.SecurityContext.AllowPrivilegeEscalation.ShouldBe(false);
        container.SecurityContext.Capabilities.Drop.ShouldBe(["ALL"]);
        container.LivenessProbe.HttpGet.Path.ShouldBe("/healthz");
        container.ReadinessProbe.HttpGet.Path.ShouldBe("/readyz");
        container.Resources.Requests.Keys.ShouldBe(["cpu", "memory"], ignoreOrder: true);
        container.Resources.Limits.Keys.ShouldContain("memory");
        container.Args.ShouldBe(["operator", "--metrics-port=9480", "--leader-elect"]);
        deployment.Spec.Replicas.ShouldBe(2);
        container.Env.Select(e => e.Name).ShouldContain("POD_NAMESPACE");
        pod.Volumes.Single().EmptyDir.ShouldNotBeNull("a writable /tmp on the read-only root");
    }

    [Fact]
    public void The_metrics_service_selects_the_operator_pods()
    {
        var parts = TestInstall();
        var service = Single<V1Service>(parts);
        var deployment = Single<V1Deployment>(parts);

        service.Spec.Ports.Single().TargetPort.Value.ShouldBe("metrics");
        foreach (var (key, value) in service.Spec.Selector) deployment.Spec.Template.Metadata.Labels[key].ShouldBe(value);
        service.Metadata.NamespaceProperty.ShouldBe(deployment.Metadata.NamespaceProperty);
    }

    [Fact]
    public void With_watch_namespaces_namespaced_kinds_are_granted_in_those_namespaces_only()
    {
        var parts = TestInstall(new InstallOptions { Namespace = "ops", WatchNamespaces = ["team-a", "team-b"] });

        var roles = parts.All.OfType<V1Role>().Where(r => r.Metadata.Name == InstallManifests.Name).ToList();
        roles.Select(r => r.Metadata.NamespaceProperty).ShouldBe(["team-a", "team-b"]);
        roles.SelectMany(r => r.Rules).SelectMany(r => r.Resources).ShouldNotContain("namespaces");
        parts.All.OfType<V1RoleBinding>().Where(b => b.Metadata.Name == InstallManifests.Name).Select(b => b.Subjects.Single().NamespaceProperty).ShouldAllBe(ns => ns == "ops");
        var clusterRole = Single<V1ClusterRole>(parts);
        clusterRole.Rules.SelectMany(r => r.Resources).ShouldBe(["namespaces"], "the one cluster-scoped kind a controller watches");
        clusterRole.Rules.SelectMany(r => r.Verbs).ShouldBe(["get", "list", "watch"]);
        Single<V1Deployment>(parts).Spec.Template.Spec.Containers[0].Args.ShouldContain("--watch-namespaces=team-a,team-b");
    }

    [Fact]
    public void Leader_election_may_create_its_lease_and_renew_only_that_one()
    {
        var role = Single<V1Role>(TestInstall(), $"{InstallManifests.Name}-leader-election");

        role.Metadata.NamespaceProperty.ShouldBe("fleetdeck-system");
        role.Rules.Select(r => (string.Join(",", r.Verbs), string.Join(",", r.ResourceNames ?? []))).ShouldBe([("create", ""), ("get,update", "fleetdeck-operator")]);
    }

    [Fact]
    public async Task The_install_applies_to_the_facade_with_kubectl_dry_run()
    {
        await using var server = await FacadeServer.StartAsync(kinds: TestModules.TestCatalog().Kinds);
        var yaml = InstallManifests.ToYaml(TestInstall().All);

        var result = (await Kubectl.RunWithInputAsync(server.Kubeconfig, yaml, "apply", "--dry-run=client", "--validate=false", "-f", "-")).ShouldSucceed();

        result.Stdout.ShouldContain("namespace/fleetdeck-system created (dry run)");
        result.Stdout.ShouldContain("customresourcedefinition.apiextensions.k8s.io/widgets.test.fleetdeck.dev created (dry run)");
        result.Stdout.ShouldContain("clusterrole.rbac.authorization.k8s.io/fleetdeck-operator created (dry run)");
        result.Stdout.ShouldContain("deployment.apps/fleetdeck-operator created (dry run)");
        result.Stdout.ShouldContain("service/fleetdeck-operator-metrics created (dry run)");
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(TestInstall().All.Count);
    }

    [Fact]
    public async Task The_install_command_prints_what_the_generator_builds_and_its_kustomize_base_builds_offline()
    {
        using var dir = new TempDirectory("install");
        var output = new StringWriter();
        var error = new StringWriter();
        (await FleetdeckCli.RunAsync(["install", "--image", "ghcr.io/fleetdeck/fleetdeck:test"], TestModules.Test, output, error)).ShouldBe(0, error.ToString());
        output.ToString().ShouldBe(InstallManifests.ToYaml(TestInstall().All));

        (await FleetdeckCli.RunAsync(["install", "--image", "ghcr.io/fleetdeck/fleetdeck:test", "--output-dir", dir.Path], TestModules.Test, new StringWriter(), error)).ShouldBe(0);
        var built = (await Kubectl.RunAsync(null, "kustomize", dir.Path)).ShouldSucceed();

        Identities(built.Stdout).ShouldBe(Identities(output.ToString()), ignoreOrder: true);
    }

    [Fact]
    public async Task The_committed_deploy_base_is_what_this_build_generates_and_kubectl_kustomize_builds_it()
    {
        var deploy = Path.Combine(Repository.Root, "deploy");
        var parts = InstallManifests.Build(TestModules.BuildCatalogWithoutTests(), new InstallOptions());
        var files = KustomizeBase.Files(parts);
        foreach (var (file, content) in files) GoldenFile.Compare(Path.Combine(deploy, file), content);
        Directory.GetFiles(deploy, "*.yaml").Select(Path.GetFileName).ShouldBe(files.Select(f => f.File), ignoreOrder: true,
            "no stale files in deploy/ (FLEETDECK_UPDATE_GOLDEN=1 regenerates it, or: fleetdeck install --output-dir deploy)");

        var built = (await Kubectl.RunAsync(null, "kustomize", deploy)).ShouldSucceed();

        Identities(built.Stdout).ShouldBe(Identities(InstallManifests.ToYaml(parts.All)), ignoreOrder: true);
    }

    [Fact]
    public async Task The_example_overlay_of_the_base_builds()
    {
        var built = (await Kubectl.RunAsync(null, "kustomize", Path.Combine(Repository.Root, "examples", "operator"))).ShouldSucceed();

        built.Stdout.ShouldContain("image: registry.example.com/platform/fleetdeck:1.0.0");
        built.Stdout.ShouldContain("replicas: 3");
    }

    [Theory]
    [InlineData("--namespace", "Bad_Namespace", "--namespace \"Bad_Namespace\" is not a valid namespace name", 1)]
    [InlineData("--watch-namespaces", "ok,NOT-OK", "--watch-namespaces \"NOT-OK\" is not a valid namespace name", 1)]
    [InlineData("--replicas", "0", "--replicas \"0\" is not a whole number of at least 1", 2)]
    public async Task Bad_options_are_one_line_and_exit_code_1_or_2_for_a_usage_error(string option, string value, string message, int code)
    {
        var error = new StringWriter();

        (await FleetdeckCli.RunAsync(["install", option, value], TestModules.Test, new StringWriter(), error)).ShouldBe(code);

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldHaveSingleItem().ShouldStartWith($"error: {message}");
    }

    [Fact]
    public async Task The_crds_command_prints_the_generated_crds()
    {
        var output = new StringWriter();

        (await FleetdeckCli.RunAsync(["crds"], TestModules.Test, output, new StringWriter())).ShouldBe(0);

        GoldenFile.Check("crds.yaml", output.ToString());
    }

    /// <summary>kind/namespace/name of every document, to compare two renderings of the same objects.</summary>
    private static List<string> Identities(string yaml) =>
        [.. YamlReader.Read(yaml, "yaml").Select(d => d.Root).Select(o => $"{o["kind"]}/{o["metadata"]?["namespace"]}/{o["metadata"]?["name"]}")];
}
