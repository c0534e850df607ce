using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Fleetdeck.Fleet.Configuration;

namespace Fleetdeck.Cli.Commands;

/// <summary><c>fleetdeck config show|path</c>: the fleet commands' effective settings and where each came from.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var options = new FleetOptions();
        var show = new Command("show", "Print the effective settings and the source of each (flag, env, config file, default)");
        options.AddTo(show);
        show.SetAction((parse, ct) => FleetOptions.RunAsync(parse, async context =>
        {
            var configuration = FleetConfiguration.Load(options.Inputs(parse));
            var settings = configuration.Resolve();
            var values = configuration.All();
            string Effective(SettingValue v) => v.Definition.Key switch
            {
                SettingKeys.TargetsConfigDir => settings.TargetsConfigDir,
                SettingKeys.StateDir => settings.StateDir,
                _ => v.Value,
            };
            if (settings.Output == OutputFormat.Json)
            {
                var node = new JsonObject { ["configFile"] = configuration.ConfigFile, ["configFileExists"] = configuration.ConfigFileExists };
                foreach (var v in values)
                    node[v.Definition.Key] = new JsonObject { ["value"] = Effective(v), ["source"] = v.Source.ToString() };
                await context.Out.WriteLineAsync(node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns("Setting", "Value", "Source");
            foreach (var v in values) table.AddRow(Markup.Escape(v.Definition.Key), Markup.Escape(Effective(v)), Markup.Escape(v.Source.ToString()));
            context.Console.Write(table);
            context.Console.WriteLine($"config file: {configuration.ConfigFile}{(configuration.ConfigFileExists ? "" : " (not present)")}");
            return 0;
        }));

        var path = new Command("path", "Print the config file read");
        options.AddTo(path);
        path.SetAction((parse, ct) => FleetOptions.RunAsync(parse, async context =>
        {
            await context.Out.WriteLineAsync(FleetConfiguration.Load(options.Inputs(parse)).ConfigFile);
            return 0;
        }));
        return new Command("config", "The fleet commands' configuration") { show, path };
    }
}
