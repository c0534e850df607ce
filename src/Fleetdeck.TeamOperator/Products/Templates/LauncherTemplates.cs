using System.Reflection;
using System.Text.Json.Nodes;
using Fleetdeck.TeamOperator.Config;

namespace Fleetdeck.TeamOperator.Products.Templates;

/// <summary>
/// The session templates the Launcher renders for each session: Fleetdeck's own <c>job.tpl</c> and <c>service.tpl</c>,
/// and <c>rstudio-library-templates-data.tpl</c> holding the product's session config as JSON (keys sorted).
/// </summary>
internal static class LauncherTemplates
{
    public static string Job { get; } = Read("job.tpl");

    public static string Service { get; } = Read("service.tpl");

    public static string Data(JsonObject sessionConfig) =>
        "{{- define \"rstudio-library.templates.data\" }}\n" + JsonConfigWriter.Write(sessionConfig.ToDictionary(p => p.Key, p => p.Value?.DeepClone())) + "{{- end }}\n";

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"templates/{name}")
            ?? throw new InvalidOperationException($"embedded template {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
