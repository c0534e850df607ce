using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Config;

namespace Fleetdeck.TeamOperator.Tests.Config;

public sealed class GcfgWriterTests
{
    [Fact]
    public void Sections_keys_lists_and_scalars_are_written_as_upstream_writes_them()
    {
        var config = new PackageManagerConfig
        {
            Server = new PackageManagerServerConfig { Address = "https://pm.example.com", RVersion = ["/opt/R/4.4.1", "", "/opt/R/4.3.3"] },
            Git = new PackageManagerGitConfig { AllowUnsandboxedGitBuilds = true },
            Metrics = new PackageManagerMetricsConfig { Enabled = false },
        };

        GcfgWriter.Write(ObjectJson.ToNode(config)).ShouldBe(
            "\n[Server]\nAddress = https://pm.example.com\nRVersion = /opt/R/4.4.1\nRVersion = /opt/R/4.3.3\n" +
            "\n[Git]\nAllowUnsandboxedGitBuilds = true\n" +
            "\n[Metrics]\nEnabled = false\n");
    }

    [Fact]
    public void Unset_fields_are_not_written_but_set_zeros_and_falses_are()
    {
        // Upstream writes every bool and int (Enabled = false, BundleRetentionLimit = 0) whether set or not.
        var config = new ConnectConfig { Applications = new ConnectApplicationsConfig { ScheduleConcurrency = 0, PythonEnvironmentReaping = false } };

        GcfgWriter.Write(ObjectJson.ToNode(config)).ShouldBe("\n[Applications]\nPythonEnvironmentReaping = false\nScheduleConcurrency = 0\n");
    }

    [Fact]
    public void A_map_of_subsections_is_written_in_name_order_under_its_renamed_section()
    {
        var repositories = new Dictionary<string, RPackageRepositoryConfig> { ["RSPM"] = new() { Url = "https://b" }, ["CRAN"] = new() { Url = "https://a" } };
        var config = new ConnectConfig { RPackageRepositories = repositories };

        GcfgWriter.Write(ObjectJson.ToNode(config), new Dictionary<string, string> { ["RPackageRepositories"] = "RPackageRepository" }).ShouldBe(
            "\n[RPackageRepository \"CRAN\"]\nUrl = https://a\n\n[RPackageRepository \"RSPM\"]\nUrl = https://b\n",
            "upstream iterates a Go map: its order changes between runs");
    }

    [Fact]
    public void An_empty_string_is_skipped_unless_the_key_must_be_written_empty()
    {
        var config = new JsonObject { ["OAuth2"] = new JsonObject { ["ClientId"] = "", ["GroupsClaim"] = "" } };

        GcfgWriter.Write(config).ShouldBe("\n[OAuth2]\n");
        GcfgWriter.Write(config, keepEmpty: new HashSet<string> { "GroupsClaim" }).ShouldBe("\n[OAuth2]\nGroupsClaim = \n");
    }
}
