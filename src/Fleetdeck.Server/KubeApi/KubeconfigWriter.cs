using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Server.KubeApi;

/// <summary>Writes a kubeconfig for the façade (cluster, user and context all named <c>fleetdeck</c>), readable by kubectl and KubernetesClient.</summary>
public static class KubeconfigWriter
{
    public const string Name = "fleetdeck";

    /// <summary>Writes a kubeconfig for a running <see cref="KubeApiServer"/>.</summary>
    public static void Write(string path, KubeApiServer server, string? token = null, string @namespace = "default") =>
        Write(path, server.BaseAddress, token, server.Certificate, @namespace);

    /// <summary>
    /// Writes the file, readable by its owner only (it may hold a token). <paramref name="certificateAuthority"/> is the
    /// certificate an https server is trusted by; kubectl sends the token only over https.
    /// </summary>
    public static void Write(string path, Uri server, string? token = null, X509Certificate2? certificateAuthority = null, string @namespace = "default")
    {
        // Without a token there is no user: KubernetesClient refuses a user that has no credentials.
        var hasUser = !string.IsNullOrEmpty(token);
        var context = new JsonObject { ["cluster"] = Name };
        if (hasUser) context["user"] = Name;
        context["namespace"] = @namespace;
        var config = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new JsonArray(new JsonObject
            {
                ["name"] = Name,
                ["cluster"] = Cluster(server, certificateAuthority),
            }),
            ["users"] = hasUser ? new JsonArray(new JsonObject { ["name"] = Name, ["user"] = new JsonObject { ["token"] = token } }) : new JsonArray(),
            ["contexts"] = new JsonArray(new JsonObject
            {
                ["name"] = Name,
                ["context"] = context,
            }),
            ["current-context"] = Name,
            ["preferences"] = new JsonObject(),
        };

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, YamlWriter.Write(config));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }

    private static JsonObject Cluster(Uri server, X509Certificate2? certificateAuthority)
    {
        var cluster = new JsonObject { ["server"] = server.GetLeftPart(UriPartial.Authority) };
        if (certificateAuthority is not null)
            cluster["certificate-authority-data"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(certificateAuthority.ExportCertificatePem()));
        return cluster;
    }
}
