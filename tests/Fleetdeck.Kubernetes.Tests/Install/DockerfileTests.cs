using System.Text.Json;
using System.Xml.Linq;
using k8s.Models;
using Fleetdeck.Cli;
using Fleetdeck.Kubernetes.Install;

namespace Fleetdeck.Kubernetes.Tests.Install;

/// <summary>
/// The repository's Dockerfile builds the image <c>fleetdeck install</c> runs: what its Deployment starts (the image's
/// entrypoint, with the Deployment's arguments) is a fleetdeck command that parses, as the user the pod runs as, on the
/// runtime image .NET recommends for this framework. (No Docker engine here: the text is what is checked.)
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string Root = Repository.Root;

    private sealed record Instruction(string Keyword, string Arguments);

    /// <summary>Instructions per stage, continuation lines joined and comments dropped.</summary>
    private static List<List<Instruction>> Stages()
    {
        var stages = new List<List<Instruction>>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(Path.Combine(Root, "Dockerfile")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            line = pending + line;
            pending = "";
            var space = line.IndexOf(' ');
            var instruction = new Instruction(line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
            if (instruction.Keyword == "FROM") stages.Add([]);
            stages[^1].Add(instruction);
        }
        return stages;
    }

    private static V1Container Container()
    {
        var parts = InstallManifests.Build(TestModules.BuildCatalogWithoutTests(), new InstallOptions());
        return parts.Operator.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers.Single();
    }

    private static V1PodSecurityContext PodSecurity() =>
        InstallManifests.Build(TestModules.BuildCatalogWithoutTests(), new InstallOptions()).Operator.OfType<V1Deployment>().Single().Spec.Template.Spec.SecurityContext;

    [Fact]
    public void It_is_multi_stage_built_on_the_sdk_and_run_on_the_recommended_aspnet_runtime_of_this_framework()
    {
        var stages = Stages();
        var framework = XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("TargetFramework").Single().Value; // net10.0
        var version = framework["net".Length..];

        stages.Count.ShouldBeGreaterThanOrEqualTo(2);
        stages[0][0].Arguments.ShouldContain($"mcr.microsoft.com/dotnet/sdk:{version}");
        var runtime = stages[^1][0].Arguments;
        runtime.ShouldStartWith($"mcr.microsoft.com/dotnet/aspnet:{version}-");
        runtime.ShouldContain("chiseled", customMessage: "the distroless (Chiseled) variant .NET recommends for production");
        stages[^1].ShouldNotContain(i => i.Keyword == "RUN", "the runtime stage only copies the published app (chiseled images have no shell)");
    }

    [Fact]
    public void Its_entrypoint_with_the_install_deployments_arguments_is_a_fleetdeck_command_that_parses()
    {
        var final = Stages()[^1];
        var entrypoint = JsonSerializer.Deserialize<string[]>(final.Single(i => i.Keyword == "ENTRYPOINT").Arguments)!;
        var container = Container();

        container.Command.ShouldBeNull("the image's entrypoint is what runs");
        container.Image.ShouldBe(new InstallOptions().Image);
        entrypoint.ShouldHaveSingleItem();
        var assemblyName = XDocument.Load(Path.Combine(Root, "src", "Fleetdeck.Cli", "Fleetdeck.Cli.csproj")).Descendants("AssemblyName").Single().Value;
        entrypoint[0].ShouldBe($"/app/{assemblyName}", "the apphost of the published CLI");

        var build = Stages()[0];
        build.ShouldContain(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish src/Fleetdeck.Cli/Fleetdeck.Cli.csproj", StringComparison.Ordinal) && i.Arguments.Contains("-o /app", StringComparison.Ordinal));
        final.ShouldContain(i => i.Keyword == "COPY" && i.Arguments == "--from=build /app .");
        final.ShouldContain(i => i.Keyword == "WORKDIR" && i.Arguments == "/app");

        container.Args[0].ShouldBe("operator");
        var parse = FleetdeckCli.Build().Parse([.. container.Args]);
        parse.Errors.ShouldBeEmpty(string.Join("; ", parse.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void It_runs_as_the_non_root_user_the_install_deployment_runs_as()
    {
        var user = Stages()[^1].Last(i => i.Keyword == "USER").Arguments.Split(':');
        var pod = PodSecurity();

        long.Parse(user[0], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(pod.RunAsUser!.Value, "a numeric user, so that runAsNonRoot can check it");
        long.Parse(user[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(pod.RunAsGroup!.Value);
        pod.RunAsUser.Value.ShouldNotBe(0);
        pod.RunAsNonRoot.ShouldBe(true);
    }

    [Fact]
    public void What_it_copies_exists_and_the_context_leaves_build_output_out()
    {
        foreach (var copy in Stages()[0].Where(i => i.Keyword == "COPY"))
            foreach (var source in copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
                Path.Exists(Path.Combine(Root, source)).ShouldBeTrue($"COPY {source}");
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore"));
        ignored.ShouldContain("**/bin/");
        ignored.ShouldContain("**/obj/");
    }
}
