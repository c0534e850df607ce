using System.Net;
using System.Security.Cryptography.X509Certificates;
using Fleetdeck.Core.Modules;
using Fleetdeck.Server.KubeApi;

namespace Fleetdeck.Server.Hosting;

/// <summary>
/// The façade's serving certificate, kept in the state directory so the kubeconfig written for it stays valid across
/// restarts; renewed when it nears expiry.
/// </summary>
internal static class ServingCertificates
{
    public static X509Certificate2 LoadOrCreate(StateDirectory state, IPAddress address, TimeProvider time)
    {
        var path = state.File("kube-serving.pfx");
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.Exportable);
            if (existing.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddDays(30)) return existing;
            existing.Dispose();
        }
        var created = SelfSignedCertificate.Create(address, time);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, created.Export(X509ContentType.Pfx));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
        return created;
    }
}
