using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.TeamOperator.Products.Connect;

/// <summary>
/// <c>runtime.yaml</c> for off-host execution: the content images Connect may run, with the R, Python and Quarto each
/// holds. Upstream's built-in <c>content-pro</c> images.
/// </summary>
internal static class ConnectRuntime
{
    public const string Repository = "ghcr.io/rstudio/content-pro";

    private static readonly (string R, string Python, string Os, string Quarto)[] Builtin =
    [
        ("4.5.2", "3.13.9", "ubuntu2204", "1.8.25"),
        ("4.4.1", "3.12.4", "ubuntu2204", "1.4.557"),
        ("4.2.2", "3.11.3", "ubuntu2204", "1.3.340"),
    ];

    public static string Yaml()
    {
        var images = new JsonArray();
        foreach (var (r, python, os, quarto) in Builtin)
        {
            images.Add(new JsonObject
            {
                ["name"] = $"{Repository}:r{r}-py{python}-{os}",
                ["python"] = Installations($"/opt/python/{python}/bin/python3", python),
                ["quarto"] = Installations($"/opt/quarto/{quarto}/bin/quarto", quarto),
                ["r"] = Installations($"/opt/R/{r}/bin/R", r),
            });
        }
        return YamlWriter.Write(new JsonObject { ["name"] = "Kubernetes", ["images"] = images });
    }

    private static JsonObject Installations(string path, string version) => new()
    {
        ["installations"] = new JsonArray(new JsonObject { ["path"] = path, ["version"] = version }),
    };
}
