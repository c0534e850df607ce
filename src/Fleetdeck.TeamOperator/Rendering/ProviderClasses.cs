using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;
using Fleetdeck.TeamOperator.Api.ThirdParty;

namespace Fleetdeck.TeamOperator.Rendering;

/// <summary>SecretProviderClasses for the aws provider: one Secrets Manager secret (the vault), keys picked by JMES path.</summary>
internal static class ProviderClasses
{
    /// <param name="aliases">(key in the vault's JSON, file name it is mounted as).</param>
    /// <param name="synced">Kubernetes Secrets to keep in sync: (secret name, [(mounted file, key in the Secret)]).</param>
    public static SecretProviderClass Build(string name, Component c, string vault, IEnumerable<(string Key, string Alias)> aliases,
        IEnumerable<(string Secret, (string Object, string Key)[] Data)> synced)
    {
        var paths = new JsonArray();
        foreach (var (key, alias) in aliases)
            paths.Add(new JsonObject { ["path"] = $"\"{key}\"", ["objectAlias"] = alias });
        var objects = new JsonArray(new JsonObject
        {
            ["objectName"] = vault,
            ["objectType"] = "secretsmanager",
            ["jmesPath"] = paths,
        });
        var spc = Kube.New<SecretProviderClass>(name, c.Namespace, c.Labels);
        spc.Spec = new SecretProviderClassSpec
        {
            Provider = "aws",
            Parameters = new Dictionary<string, string> { ["objects"] = YamlWriter.Write(objects) },
            SecretObjects = [.. synced.Select(s => new SecretObject
            {
                SecretName = s.Secret,
                Type = "Opaque",
                Data = [.. s.Data.Select(d => new SecretObjectData { ObjectName = d.Object, Key = d.Key })],
            })],
        };
        if (spc.Spec.SecretObjects.Count == 0) spc.Spec.SecretObjects = null;
        return spc;
    }
}
