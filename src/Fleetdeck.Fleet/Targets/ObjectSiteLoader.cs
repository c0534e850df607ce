using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Fleet.Targets;

/// <summary>Reads a Site manifest file (<c>core.posit.team/v1beta1</c>, kind <c>Site</c>, as PTD's <c>site.yaml</c>) and returns its spec.</summary>
internal sealed class ObjectSiteLoader
{
    public const string SiteApiVersion = "core.posit.team/v1beta1";

    public (JsonObject Spec, SourcePosition Position)? Load(string path, SpecReader referrer, string field)
    {
        if (!File.Exists(path))
        {
            referrer.Error(field, $"site file {TargetError.DisplayPath(path)} does not exist: create it or fix the path");
            return null;
        }
        IReadOnlyList<ManifestDocument> documents;
        try
        {
            documents = YamlReader.Read(File.ReadAllText(path), path);
        }
        catch (ManifestException e)
        {
            referrer.Errors.Add(new TargetError(path, e.Position?.Line ?? 0, e.Field ?? "", e.Detail));
            return null;
        }
        if (documents.Count != 1)
        {
            referrer.Errors.Add(new TargetError(path, 0, "", $"expected one Site document, found {documents.Count}"));
            return null;
        }
        var document = documents[0];
        var apiVersion = document.Root["apiVersion"]?.GetValueKind() == JsonValueKind.String ? document.Root["apiVersion"]!.GetValue<string>() : null;
        var kind = document.Root["kind"]?.GetValueKind() == JsonValueKind.String ? document.Root["kind"]!.GetValue<string>() : null;
        if (apiVersion != SiteApiVersion || kind is not ("Site" or "TeamSite"))
        {
            referrer.Errors.Add(TargetError.At(document.PositionOf("kind"), "kind", $"expected apiVersion {SiteApiVersion} and kind Site, got {apiVersion ?? "none"} {kind ?? "none"}"));
            return null;
        }
        if (document.Root["spec"] is not JsonObject spec)
        {
            referrer.Errors.Add(TargetError.At(document.Start, "spec", "a Site needs a spec (a mapping)"));
            return null;
        }
        return ((JsonObject)spec.DeepClone(), document.PositionOf("spec"));
    }
}
