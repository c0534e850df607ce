using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Logging;
using Fleetdeck.Cli.Options;
using Fleetdeck.Cli.Tests.Team;

namespace Fleetdeck.Cli.Tests.Docs;

/// <summary>
/// Every command line the docs show, and every option <c>--help</c> lists, parses: no unhandled exception, no stack trace,
/// no .NET type name; a bad value is one line naming the option (exit 2); URLs, durations, ports and paths are taken in
/// every form people type.
/// </summary>
public sealed class DocumentedCommandsTests
{
    private static readonly RootCommand Root = FleetdeckCli.Build();

    [Fact]
    public void Every_documented_command_line_parses()
    {
        var lines = DocumentedCommands.All();
        lines.Count.ShouldBeGreaterThan(30, "the docs show many fleetdeck commands; finding few means the reader broke");
        lines.ShouldContain(l => l.File == "README.md" && l.Args.SequenceEqual(new[] { "up", "--apply", "examples/quickstart" }), "the README's first command");

        var failures = new List<string>();
        foreach (var line in lines)
        {
            var parse = Root.Parse([.. line.Args]);
            if (parse.Errors.Count > 0) failures.Add($"{line}\n    {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            else if (ConversionFailure(parse) is { } failure) failures.Add($"{line}\n    {failure}");
        }
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    [Fact]
    public async Task Documented_commands_that_need_no_server_run_and_end_in_one_clear_line_at_most()
    {
        var offline = DocumentedCommands.All().Where(l => l.Args.Count > 0 && l.Args[0] is "crds" or "install" or "render" or "config" && !l.Args.Contains("--output-dir")).ToList();
        offline.Count.ShouldBeGreaterThanOrEqualTo(5, string.Join("\n", offline));
        foreach (var line in offline)
        {
            await using var run = FleetdeckProcess.Start(RenderCommandTests.RepositoryRoot(), [.. line.Args]);
            var code = await run.WaitForExitAsync();
            code.ShouldBeOneOf([0, 1, 2], $"{line}\n{run}");
            if (code != 0) ShouldBeOneErrorLine(run.Error, line.ToString());
            ShouldNameNoDotnetType(run.Output + run.Error, line.ToString());
        }
    }

    [Fact]
    public void Every_option_of_every_command_parses_from_the_forms_people_type()
    {
        var failures = new List<string>();
        foreach (var (path, command, options) in Commands(Root, []))
        {
            foreach (var option in options)
            {
                foreach (var sample in Samples(option))
                {
                    var args = path.Concat(Required(command, option)).Concat(sample).ToArray();
                    var parse = Root.Parse(args);
                    if (parse.Errors.Count > 0) failures.Add($"fleetdeck {string.Join(' ', args)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
                    else if (ConversionFailure(parse) is { } failure) failures.Add($"fleetdeck {string.Join(' ', args)}: {failure}");
                }
            }
        }
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    [Theory]
    [InlineData("http://prometheus:9090", "http://prometheus:9090/")]
    [InlineData("http://prometheus:9090/", "http://prometheus:9090/")]
    [InlineData("prometheus:9090", "http://prometheus:9090/")]
    [InlineData("https://metrics.example.com/prometheus", "https://metrics.example.com/prometheus/")]
    [InlineData("HTTP://Prometheus.Monitoring:9090", "http://prometheus.monitoring:9090/")]
    public void A_url_is_taken_in_every_form_people_type(string typed, string expected)
    {
        var parse = Root.Parse(["up", "--prometheus-url", typed]);

        parse.Errors.ShouldBeEmpty();
        parse.GetValue<Uri?>("--prometheus-url")!.AbsoluteUri.ShouldBe(expected);
    }

    [Theory]
    [InlineData("15s", 15_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m", 60_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("90s", 90_000)]
    [InlineData("1m30s", 90_000)]
    public void A_duration_is_taken_in_every_form_people_type(string typed, double milliseconds)
    {
        var parse = Root.Parse(["operator", "--lease-duration", typed]);

        parse.Errors.ShouldBeEmpty();
        parse.GetValue<Duration>("--lease-duration").Value.TotalMilliseconds.ShouldBe(milliseconds);
    }

    [Theory]
    [InlineData("8080", 8080)]
    [InlineData(":8080", 8080)]
    [InlineData("0", 0)]
    public void A_port_is_taken_as_a_number_or_as_an_address_port(string typed, int port)
    {
        var parse = Root.Parse(["up", "--kube-port", typed]);

        parse.Errors.ShouldBeEmpty();
        parse.GetValue<int>("--kube-port").ShouldBe(port);
    }

    [Theory]
    [InlineData("~/fleet-state")]
    [InlineData("~")]
    public void A_path_starting_with_a_tilde_is_under_home(string typed)
    {
        var parse = Root.Parse(["up", $"--state-dir={typed}"]);

        parse.Errors.ShouldBeEmpty();
        parse.GetValue<string>("--state-dir").ShouldStartWith(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
    }

    [Fact]
    public async Task A_bad_value_of_any_typed_option_is_one_line_naming_the_option_with_exit_code_2()
    {
        var checkedOptions = 0;
        foreach (var (path, command, options) in Commands(Root, []))
        {
            foreach (var option in options)
            {
                if (Bad(option) is not { } bad) continue;
                var args = path.Concat(Required(command, option)).Concat([option.Name, bad]).ToArray();
                var run = await CliRun.RunAsync(args);
                var what = $"fleetdeck {string.Join(' ', args)}";
                run.ExitCode.ShouldBe(2, $"{what}\n{run}");
                ShouldBeOneErrorLine(run.Error, what);
                run.Error.ShouldContain(option.Name, customMessage: what);
                ShouldNameNoDotnetType(run.Output + run.Error, what);
                checkedOptions++;
            }
        }
        checkedOptions.ShouldBeGreaterThan(20);
    }

    [Theory]
    [InlineData("--concurrency", "many")]
    [InlineData("--ready-timeout", "forever")]
    [InlineData("--output", "xml")]
    public async Task A_bad_fleet_setting_is_one_line_naming_where_it_came_from(string option, string value)
    {
        var run = await CliRun.RunAsync("config", "show", option, value);

        run.ExitCode.ShouldBe(1, run.ToString());
        ShouldBeOneErrorLine(run.Error, run.ToString());
        run.Error.ShouldContain(option);
    }

    [Fact]
    public async Task No_help_text_shows_a_dotnet_type_or_a_timespan()
    {
        foreach (var (path, _, _) in Commands(Root, []))
        {
            var run = await CliRun.RunAsync([.. path, "--help"]);
            run.ExitCode.ShouldBe(0, run.ToString());
            ShouldNameNoDotnetType(run.Output, string.Join(' ', path));
            run.Output.ShouldNotMatch(@"\b\d\d:\d\d:\d\d\b", $"fleetdeck {string.Join(' ', path)} --help shows a duration as a TimeSpan");
        }
    }

    [Theory]
    [InlineData("up", "--kube-port", "abc")]
    [InlineData("nosuchcommand")]
    [InlineData("orgs", "provision", "acme")]
    [InlineData("get", "sites", "--output", "xml")]
    public async Task A_usage_error_is_one_line_and_exit_code_2(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        run.ExitCode.ShouldBe(2, run.ToString());
        ShouldBeOneErrorLine(run.Error, run.ToString());
        run.Error.ShouldContain("--help");
    }

    private static void ShouldBeOneErrorLine(string error, string what)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(1, $"{what}: one line\n{error}");
        lines[0].ShouldStartWith("error: ", customMessage: what);
        error.ShouldNotContain("   at ", customMessage: what);
    }

    private static void ShouldNameNoDotnetType(string text, string what)
    {
        text.ShouldNotContain("System.", customMessage: what);
        text.ShouldNotContain("Nullable`", customMessage: what);
        text.ShouldNotContain("Exception", customMessage: what);
    }

    /// <summary>Converting every option's value the command will read: what a parse alone does not do.</summary>
    private static string? ConversionFailure(ParseResult parse)
    {
        foreach (var option in Listed(parse.CommandResult.Command).Concat(Recursive(parse.CommandResult)))
        {
            try
            {
                parse.GetResult(option)?.GetValueOrDefault<object>();
            }
            catch (Exception e)
            {
                return $"{option.Name}: {e.GetType().Name}: {e.Message}";
            }
        }
        return null;
    }

    private static IEnumerable<Option> Recursive(CommandResult result)
    {
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
            foreach (var option in parent.Command.Options.Where(o => o.Recursive)) yield return option;
    }

    /// <summary>Every command that runs (not a group of commands), with its path and the options its --help lists.</summary>
    private static IEnumerable<(string[] Path, Command Command, IReadOnlyList<Option> Options)> Commands(Command command, string[] path, IReadOnlyList<Option>? inherited = null)
    {
        var inheritedHere = (inherited ?? []).Concat(Listed(command).Where(o => o.Recursive)).ToList();
        if (command.Action is not null) yield return (path, command, [.. Listed(command).Concat(inherited ?? []).Distinct()]);
        foreach (var sub in command.Subcommands)
            foreach (var found in Commands(sub, [.. path, sub.Name], inheritedHere)) yield return found;
    }

    private static IEnumerable<Option> Listed(Command command) =>
        command.Options.Where(o => !o.Hidden && o is not System.CommandLine.Help.HelpOption && o is not VersionOption);

    /// <summary>What the command needs besides <paramref name="under"/>: its arguments and required options, as samples.</summary>
    private static IEnumerable<string> Required(Command command, Option under)
    {
        foreach (var argument in command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0)) yield return "sample";
        foreach (var option in command.Options.Where(o => o.Required && o != under))
        {
            yield return option.Name;
            yield return Samples(option).First().Last();
        }
    }

    /// <summary>Values for an option, in every form people type for its kind; an option of a kind not known here fails the test.</summary>
    private static IEnumerable<string[]> Samples(Option option)
    {
        var name = option.Name;
        return option switch
        {
            Option<bool> => [[name]],
            Option<Duration> => [[name, "15s"], [name, "500ms"], [name, "1h30m"], [name, "1.5m"], [$"{name}=2h"]],
            Option<int> when option.HelpName == "port" => [[name, "8080"], [name, ":8080"], [name, "0"], [$"{name}=9480"]],
            Option<int> when option.HelpName == "number" => [[name, "3"]],
            Option<Uri?> => [[name, "http://prometheus:9090"], [name, "http://prometheus:9090/"], [name, "https://prom.example.com/prometheus"], [name, "prometheus:9090"]],
            Option<LogLevel> => [[name, "debug"], [name, "Warning"]],
            Option<string> when option.HelpName?.Contains('|') == true => option.HelpName.Split('|').Select(v => new[] { name, v }),
            Option<string> or Option<string?> when option.HelpName == "path" => [[name, "some/dir"], [name, "/abs/dir"], [name, "~/dir"], [$"{name}=~/dir"]],
            Option<string[]> when option.HelpName == "path" => [[name, "a.yaml"], [name, "a.yaml", name, "dir/"]],
            Option<string> or Option<string?> => [[name, "sample"]],
            Option<string[]> => [[name, "sample"]],
            _ => throw new ShouldAssertException($"{name} is of type {option.ValueType.Name}, which this test has no samples for: give it a parser (Fleetdeck.Cli.Options) and samples here"),
        };
    }

    /// <summary>A value an option of a checked kind must refuse; null for free text.</summary>
    private static string? Bad(Option option) => option switch
    {
        Option<Duration> or Option<int> or Option<LogLevel> => "not-a-value",
        Option<Uri?> => "not a url",
        Option<string> when option.HelpName?.Contains('|') == true => "not-a-value",
        Option<string> or Option<string?> or Option<string[]> when option.HelpName == "path" => "",
        _ => null,
    };
}
