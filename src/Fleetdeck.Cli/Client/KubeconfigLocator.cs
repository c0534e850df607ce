namespace Fleetdeck.Cli.Client;

/// <summary>Which kubeconfig the client commands use: <c>--kubeconfig</c>, then <c>KUBECONFIG</c>, then the one <c>fleetdeck up</c> writes.</summary>
internal static class KubeconfigLocator
{
    public const string Local = ".fleetdeck/kubeconfig";

    public static string Resolve(string? flag)
    {
        if (!string.IsNullOrEmpty(flag))
            return File.Exists(flag) ? flag : throw new CliException($"kubeconfig {flag} (from --kubeconfig) does not exist");
        var env = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(env))
        {
            // KUBECONFIG may list several files; the first that exists is used.
            var first = env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists);
            return first ?? throw new CliException($"no file of KUBECONFIG ({env}) exists");
        }
        if (File.Exists(Local)) return Local;
        throw new CliException($"no control plane to talk to: start one with `fleetdeck up` (it writes {Local}), or pass --kubeconfig or set KUBECONFIG");
    }
}
