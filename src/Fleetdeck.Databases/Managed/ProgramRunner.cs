using System.Diagnostics;
using System.Text;

namespace Fleetdeck.Databases.Managed;

/// <summary>
/// Runs the PostgreSQL programs. PostgreSQL refuses to run as root, so a root process runs them as the <c>postgres</c>
/// user through <c>runuser</c>; any other user runs them as itself.
/// </summary>
internal static class ProgramRunner
{
    public const string ServerUser = "postgres";

    public static bool AsServerUser => OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess;

    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> args)
    {
        ProcessStartInfo start;
        if (AsServerUser)
        {
            start = new ProcessStartInfo("runuser");
            foreach (var a in new[] { "-u", ServerUser, "--", program }) start.ArgumentList.Add(a);
        }
        else
        {
            start = new ProcessStartInfo(program);
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        // The server's messages are parsed for causes ("could not bind"): keep them in English.
        start.Environment["LC_MESSAGES"] = "C";
        start.Environment["LANG"] = "C.UTF-8";
        return start;
    }

    /// <summary>Runs a program to its end; returns its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> args, CancellationToken cancellationToken, bool asServerUser = true)
    {
        var start = asServerUser ? StartInfo(program, args) : new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (!asServerUser) foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new PostgresClusterException($"could not start {program}");
        if (start.RedirectStandardInput) process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        output.Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false));
        return (process.ExitCode, output.ToString().Trim());
    }

    /// <summary>Gives a path to the server user (a root process creates folders the server must own).</summary>
    public static async Task ChownToServerUserAsync(string path, CancellationToken cancellationToken)
    {
        if (!AsServerUser) return;
        var (code, output) = await RunAsync("chown", [$"{ServerUser}:{ServerUser}", path], cancellationToken, asServerUser: false).ConfigureAwait(false);
        if (code != 0) throw new PostgresClusterException($"could not give {path} to the {ServerUser} user: {output} (is there a '{ServerUser}' user? PostgreSQL's package creates it)");
    }

    /// <summary>Whether the server user can write in <paramref name="directory"/> (every folder above it must let it through).</summary>
    public static async Task<bool> ServerUserCanWriteAsync(string directory, CancellationToken cancellationToken)
    {
        if (!AsServerUser) return true;
        var (code, _) = await RunAsync("test", ["-w", directory, "-a", "-x", directory], cancellationToken).ConfigureAwait(false);
        return code == 0;
    }
}
