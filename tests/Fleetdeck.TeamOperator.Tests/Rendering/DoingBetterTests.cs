using k8s.Models;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Products.Connect;
using Fleetdeck.TeamOperator.Products.Workbench;

namespace Fleetdeck.TeamOperator.Tests.Rendering;

/// <summary>"Where we do better than upstream", one test each (the Ready and owner-reference items are controller tests).</summary>
public sealed class DoingBetterTests
{
    [Fact]
    public void Rendering_is_deterministic_whatever_order_maps_are_written_in()
    {
        var a = Rendered.Site("""
            domain: d.example.com
            ingressAnnotations: {b: "2", a: "1"}
            workbench:
              addEnv: {Z: z, A: a}
              experimentalFeatures:
                resourceProfiles:
                  large: {cpus: "4", mem-mb: "8000"}
                  default: {cpus: "1", mem-mb: "2000"}
            """);
        var b = Rendered.Site("""
            domain: d.example.com
            ingressAnnotations: {a: "1", b: "2"}
            workbench:
              addEnv: {A: a, Z: z}
              experimentalFeatures:
                resourceProfiles:
                  default: {cpus: "1", mem-mb: "2000"}
                  large: {cpus: "4", mem-mb: "8000"}
            """);

        Lines.FirstDifference(a.Yaml, b.Yaml).ShouldBeNull();
        Rendered.Site("domain: d.example.com").Yaml.ShouldBe(Rendered.Site("domain: d.example.com").Yaml, "same input, same bytes");
        a.Get<V1Deployment>("s-workbench").Spec.Template.Metadata.Annotations[WorkbenchRenderer.ConfigMapSha]
            .ShouldBe(b.Get<V1Deployment>("s-workbench").Spec.Template.Metadata.Annotations[WorkbenchRenderer.ConfigMapSha], "same config hash: no restart for nothing");
    }

    [Fact]
    public void The_repository_package_map_is_sorted_so_the_connect_config_hash_is_stable()
    {
        var rendered = Rendered.Site("domain: d.example.com");
        var gcfg = rendered.File("s-connect", "rstudio-connect.gcfg");

        gcfg.IndexOf("[RPackageRepository \"CRAN\"]", StringComparison.Ordinal).ShouldBeLessThan(gcfg.IndexOf("[RPackageRepository \"RSPM\"]", StringComparison.Ordinal));
    }

    [Fact]
    public void Zero_values_are_written_only_where_the_product_needs_them()
    {
        var rendered = Rendered.Site("domain: d.example.com");

        // Workbench's own default for notebooks is on: the 0 upstream sets must be written (and is).
        rendered.File("s-workbench", "jupyter.conf").ShouldStartWith("notebooks-enabled=0\nlabs-enabled=1\n");
        // Launcher settings the Site does not set are left to Workbench (upstream writes unprivileged=0 and the like).
        var launcher = rendered.File("s-workbench", "launcher.conf");
        launcher.ShouldNotContain("unprivileged");
        launcher.ShouldNotContain("secure-cookie-key-file");
        // server-project-sharing=0 is set by the Site (upstream turns sharing off): it is written.
        rendered.File("s-workbench", "rserver.conf").ShouldContain("server-project-sharing=0\n");
    }

    [Fact]
    public void Region_distro_namespace_and_cidr_are_fields_with_upstreams_values_as_defaults()
    {
        var defaults = Rendered.Site("""
            domain: d.example.com
            networkTrust: 50
            packageManager: {s3Bucket: pm-bucket}
            chronicle: {s3Bucket: chr-bucket}
            """);
        defaults.File("s-chronicle", "posit-chronicle.gcfg").ShouldContain("Region = us-east-2");
        defaults.File("s-packagemanager", "rstudio-pm.gcfg").ShouldContain("Region = us-east-2");
        defaults.File("s-workbench", "repos.conf").ShouldBe("CRAN=https://packagemanager.d.example.com/cran/__linux__/jammy/latest\n");
        defaults.Get<V1NetworkPolicy>("s-connect").Spec.Egress.ShouldContain(e => e.To.Any(t => t.IpBlock != null && t.IpBlock.Cidr == "10.0.0.0/8"));
        defaults.File("s-workbench", "launcher.kubernetes.conf").ShouldContain("kubernetes-namespace=posit-team\n");
        defaults.Get<V1PodDisruptionBudget>("s-connect").Metadata.NamespaceProperty.ShouldBe("posit-team", "the product's own namespace, whatever it is");

        var custom = Rendered.Site("""
            domain: d.example.com
            networkTrust: 50
            awsRegion: eu-central-1
            packageManagerDistro: noble
            privateNetworkCIDR: 172.20.0.0/16
            sessionNamespace: team-sessions
            packageManager: {s3Bucket: pm-bucket}
            chronicle: {s3Bucket: chr-bucket}
            """);
        custom.File("s-chronicle", "posit-chronicle.gcfg").ShouldContain("Region = eu-central-1");
        custom.File("s-packagemanager", "rstudio-pm.gcfg").ShouldContain("Region = eu-central-1");
        custom.File("s-workbench", "repos.conf").ShouldContain("/cran/__linux__/noble/latest");
        custom.Get<V1NetworkPolicy>("s-connect").Spec.Egress.ShouldContain(e => e.To.Any(t => t.IpBlock != null && t.IpBlock.Cidr == "172.20.0.0/16"));
        custom.File("s-workbench", "launcher.kubernetes.conf").ShouldContain("kubernetes-namespace=team-sessions\n");
        custom.File("s-connect", "rstudio-connect.gcfg").ShouldContain("KubernetesNamespace = team-sessions\n");
        custom.Objects.OfType<V1Role>().Single(r => r.Metadata.Name == "s-connect").Metadata.NamespaceProperty.ShouldBe("team-sessions", "the Launcher's RBAC is where its sessions run");
    }

    [Fact]
    public void The_volume_job_is_named_by_its_script_so_reconciling_never_adds_a_job()
    {
        const string spec = "domain: d.example.com\nvolumeSource: {type: nfs, volumeId: exports, dnsName: nfs.local}\n";
        var jobs = Enumerable.Range(0, 3).Select(_ => Rendered.Site(spec).Objects.OfType<V1Job>().Single().Metadata.Name).Distinct().ToList();

        jobs.ShouldHaveSingleItem().ShouldStartWith("s-subdir-", Case.Sensitive, "upstream: s-subdir-<random> on every reconcile");
        Rendered.Site(spec + "sharedDirectory: projects\n").Objects.OfType<V1Job>().Single().Metadata.Name.ShouldNotBe(jobs[0], "a new script is a new Job");
        Rendered.Site(spec + "volumeSubdirJobOff: true\n").Objects.OfType<V1Job>().ShouldBeEmpty();
    }

    [Fact]
    public void A_key_licence_is_passed_by_reference_from_a_secret()
    {
        var rendered = Rendered.Site("domain: d.example.com\npackageManager: {license: {type: KEY, key: ABCD-1234}}\n");

        var secret = rendered.Get<V1Secret>("s-packagemanager-license");
        System.Text.Encoding.UTF8.GetString(secret.Data["license-key"]).ShouldBe("ABCD-1234");
        var env = rendered.Container("s-packagemanager", "rspm").Env;
        env.ShouldContain(e => e.Name == "RSPM_LICENSE" && e.ValueFrom.SecretKeyRef.Name == "s-packagemanager-license" && e.ValueFrom.SecretKeyRef.Key == "license-key");
        env.ShouldNotContain(e => e.Value == "ABCD-1234", "the key is not in the pod spec in clear");
        rendered.Get<V1Deployment>("s-packagemanager").Spec.Template.Spec.Volumes.ShouldNotContain(v => v.Name == "license-volume");
    }

    [Fact]
    public void A_site_naming_no_secret_backend_gets_a_generated_vault_and_render_never_prints_secrets()
    {
        var rendered = Rendered.Site("domain: d.example.com");

        var vault = rendered.Get<V1Secret>("s-vault");
        vault.Data.Keys.ShouldBe(["dev-db-password", "keycloak-db-password", "keycloak-db-user", "pkg-db-password", "pub-db-password"], ignoreOrder: true);
        System.Text.Encoding.UTF8.GetString(vault.Data["pub-db-password"]).ShouldStartWith("<generated on first reconcile");
        rendered.Get<Api.Connect>("s").Spec.Secret!.VaultName.ShouldBe("s-vault");
        rendered.Get<PostgresDatabase>("s-connect").Spec.SecretVault.ShouldBe("s-vault");
    }

    [Fact]
    public void The_chronicle_agent_address_has_a_scheme_for_every_product()
    {
        var rendered = Rendered.Site("domain: d.example.com\nchronicle: {agentImage: agent:1}\n");

        foreach (var (deployment, container) in new[] { ("s-connect", "connect"), ("s-workbench", "workbench"), ("s-packagemanager", "rspm") })
        {
            var agent = rendered.Get<V1Deployment>(deployment).Spec.Template.Spec.Containers.Single(c => c.Name == "chronicle-agent");
            agent.Env.Single(e => e.Name == "CHRONICLE_SERVER_ADDRESS").Value.ShouldBe("http://s-chronicle.posit-team.svc.cluster.local", $"{container}: upstream omits http:// for Package Manager");
        }
    }

    [Fact]
    public void Connect_config_hash_changes_with_its_config_and_not_otherwise()
    {
        var a = Rendered.Site("domain: d.example.com\nconnect: {replicas: 2}\n");
        var b = Rendered.Site("domain: d.example.com\nconnect: {replicas: 3}\n");
        var c = Rendered.Site("domain: d.example.com\nconnect: {publicWarning: careful}\n");

        string Sha(Rendered r) => r.Get<V1Deployment>("s-connect").Spec.Template.Metadata.Annotations[ConnectRenderer.ConfigMapSha];
        Sha(a).ShouldBe(Sha(b));
        Sha(a).ShouldNotBe(Sha(c));
    }
}
