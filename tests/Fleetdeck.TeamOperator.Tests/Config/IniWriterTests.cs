using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Api;
using Fleetdeck.TeamOperator.Config;
using Fleetdeck.TeamOperator.Products.Workbench;

namespace Fleetdeck.TeamOperator.Tests.Config;

public sealed class IniWriterTests
{
    [Fact]
    public void Nested_objects_become_sections_and_only_set_keys_are_written()
    {
        var launcher = new WorkbenchLauncherConfig
        {
            Server = new WorkbenchLauncherServerConfig { Address = "127.0.0.1", Port = "5559", AuthorizationEnabled = 0 },
        };

        // Upstream's own test expects "...authorization-enabled=0\nthread-pool-size=0\nunprivileged=0\n": every int is
        // written, set or not. Fleetdeck writes the zero that was set and leaves Workbench's defaults alone.
        IniWriter.Write(ObjectJson.ToNode(launcher)).ShouldBe("\n[server]\naddress=127.0.0.1\nport=5559\nauthorization-enabled=0\n");
    }

    [Fact]
    public void Flat_files_have_no_section_and_lists_join_with_commas_except_openid_scopes_with_spaces()
    {
        var rserver = new WorkbenchRServerConfig { WwwPort = 8787, AuthOpenid = 1, AuthOpenidScopes = ["openid", "email"], AdminGroup = "" };
        var profile = new WorkbenchLauncherProfile { ContainerImages = ["a:1", "b:2"] };

        IniWriter.Write(ObjectJson.ToNode(rserver)).ShouldBe("www-port=8787\nauth-openid=1\nauth-openid-scopes=openid email\n");
        IniWriter.Write(ObjectJson.ToNode(profile)).ShouldBe("container-images=a:1,b:2\n");
    }

    [Fact]
    public void The_all_section_is_written_as_a_star()
    {
        var logging = new WorkbenchLoggingConfig { All = new WorkbenchLoggingSection { LogLevel = "info" } };

        IniWriter.Write(ObjectJson.ToNode(logging)).ShouldBe("\n[*]\nlog-level=info\n");
    }

    [Fact]
    public void Resource_profiles_are_ordered_default_first_then_by_cpu_then_memory()
    {
        var profiles = new Dictionary<string, WorkbenchResourceProfile>
        {
            ["zz"] = new() { Cpus = "500m", MemMb = "1000" },
            ["big"] = new() { Cpus = "4", MemMb = "16000" },
            ["medium-more-memory"] = new() { Cpus = "2", MemMbRequest = "8000" },
            ["medium"] = new() { Cpus = "2", MemMb = "4000" },
            ["default"] = new() { Cpus = "8", MemMb = "1" },
        };
        var text = IniWriter.Write(ObjectJson.ToNode(profiles), ResourceProfileOrder.Sort);

        var sections = text.Split('\n').Where(l => l.StartsWith('[')).ToList();
        sections.ShouldBe(["[default]", "[zz]", "[medium]", "[medium-more-memory]", "[big]"]);
    }

    [Fact]
    public void Map_files_are_written_in_section_name_order()
    {
        var profiles = new WorkbenchProfilesConfig
        {
            LauncherKubernetesProfiles = new() { ["@admins"] = new() { MaxCpus = "8" }, ["*"] = new() { MaxCpus = "2" }, ["alice"] = new() { MaxCpus = "4" } },
        };

        var text = IniWriter.WriteSorted(ObjectJson.ToNode(profiles.LauncherKubernetesProfiles));

        text.ShouldBe("\n[*]\nmax-cpus=2\n\n[@admins]\nmax-cpus=8\n\n[alice]\nmax-cpus=4\n");
    }
}
