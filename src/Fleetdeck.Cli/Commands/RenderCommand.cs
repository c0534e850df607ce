using System.CommandLine;
using Fleetdeck.Cli.Options;
using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Rendering;
using Fleetdeck.TeamOperator.Sites;

namespace Fleetdeck.Cli.Commands;

/// <summary>
/// <c>fleetdeck render -f FILE</c>: every object a Site (or product) produces, without a control plane, like
/// <c>helm template</c>. Manifests are defaulted and validated as the server would; secrets are never printed.
/// </summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var file = PathOption.Many("--filename", "A Site or product manifest, a directory of them, or - for stdin", "-f");
        file.Required = true;
        var output = ChoiceOption.Create("--output", "yaml (multi-document) or json (a List)", ["yaml", "json"], "yaml", "-o");
        var outDir = PathOption.Optional("--out", "Write one file per object into this directory instead of printing");
        var ns = GlobalOptions.Namespace();
        var database = new Option<string?>("--main-database-url") { Description = "The main database (postgres://user@host/db?sslmode=...) products connect to; only its host and sslmode are used" };
        var command = new Command("render", "Show every object a Site or product would produce, without a control plane") { file, output, outDir, ns, database };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            var kinds = Modules.Kinds();
            var decoded = parse.GetValue(file)!.SelectMany(f => new ObjectDecoder(kinds).DecodeAll(ManifestLoader.Load(f))).ToList();
            foreach (var d in decoded)
                foreach (var warning in d.Warnings)
                    await context.Error.WriteLineAsync($"Warning: {d.Document.Start.Source}: {d.Kind.Kind} {d.Object.Metadata.Name}: {warning}");

            MainDatabase main;
            if (parse.GetValue(database) is { } url)
            {
                main = MainDatabase.Parse(url) ?? throw new CliException($"--main-database-url: \"{Redacted(url)}\" is not a postgres://user@host/database URL");
            }
            else
            {
                main = RenderDefaults.Database;
                await context.Error.WriteLineAsync($"Note: no --main-database-url: product databases are rendered on host \"{RenderDefaults.DatabaseHost}\"");
            }

            var renderer = new TeamRenderer(kinds, PlaceholderInputs.Instance);
            var objects = new List<k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>>();
            foreach (var d in decoded)
            {
                var obj = d.Object;
                if (string.IsNullOrEmpty(obj.Metadata.NamespaceProperty) && d.Kind.Namespaced)
                    obj.Metadata.NamespaceProperty = parse.GetValue(ns) ?? RenderDefaults.Namespace;
                if (d.Kind.Admission is { } admission)
                {
                    admission.Default(obj);
                    var errors = admission.Validate(obj, null);
                    if (errors.Count > 0)
                        throw new CliException($"{d.Document.Start}: {d.Kind.Kind} \"{obj.Metadata.Name}\" is invalid: {string.Join("; ", errors)}");
                }
                try
                {
                    objects.AddRange(renderer.Render(obj, main));
                }
                catch (RenderException e)
                {
                    throw new CliException($"{d.Document.Start}: {d.Kind.Kind} \"{obj.Metadata.Name}\": {e.Message}");
                }
                catch (ArgumentException e)
                {
                    throw new CliException($"{d.Document.Start}: {e.Message}");
                }
            }
            var sorted = TeamRenderer.Sort(objects);
            var format = parse.GetValue(output)!;

            if (parse.GetValue(outDir) is { } dir)
            {
                foreach (var obj in sorted)
                {
                    var folder = Path.Combine(dir, obj.Metadata.NamespaceProperty ?? "_cluster");
                    Directory.CreateDirectory(folder);
                    var path = Path.Combine(folder, $"{obj.Kind.ToLowerInvariant()}-{obj.Metadata.Name}.{format}");
                    await File.WriteAllTextAsync(path, format == "json" ? RenderOutput.Json([obj]) : RenderOutput.Yaml([obj]), ct);
                }
                await context.Out.WriteLineAsync($"wrote {sorted.Count} objects to {dir}");
                return 0;
            }
            await context.Out.WriteAsync(format == "json" ? RenderOutput.Json(sorted) : RenderOutput.Yaml(sorted));
            return 0;
        }));
        return command;
    }

    /// <summary>A URL without its password, for messages.</summary>
    private static string Redacted(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':') ? url.Replace(uri.UserInfo, uri.UserInfo.Split(':')[0] + ":***", StringComparison.Ordinal) : url;
}
