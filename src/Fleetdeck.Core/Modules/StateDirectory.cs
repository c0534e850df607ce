using System.Globalization;

namespace Fleetdeck.Core.Modules;

/// <summary>
/// The state directory of an embedded control plane, held by one process at a time through an exclusive lock on
/// <c>fleetdeck.lock</c> (released by the OS even after <c>kill -9</c>). The lock is taken before anything in the
/// directory is touched: a second <c>fleetdeck up</c> that is refused has changed nothing (not even the directory's mode,
/// which the running managed PostgreSQL depends on).
/// </summary>
public sealed class StateDirectory : IDisposable
{
    private readonly FileStream _lock;

    private StateDirectory(string path, FileStream @lock)
    {
        Path = path;
        _lock = @lock;
    }

    public string Path { get; }

    public string StateFile => File("state.db");

    public string Kubeconfig => File("kubeconfig");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public static StateDirectory Acquire(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(full); // a no-op on a directory that exists
        var lockPath = System.IO.Path.Combine(full, "fleetdeck.lock");
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix: the OS lets it go when the holder dies, however it dies.
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = TryRead(System.IO.Path.Combine(full, "fleetdeck.pid"));
            throw new StateDirectoryInUseException(
                $"another fleetdeck up is already running on {full}{(holder is null ? "" : $" (pid {holder})")}; stop it first, or use another --state-dir");
        }
        try
        {
            if (!OperatingSystem.IsWindows()) CloseToOthers(full);
            // The lock file cannot be read while held, so the holder's pid goes beside it, for the message above.
            System.IO.File.WriteAllText(System.IO.Path.Combine(full, "fleetdeck.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new StateDirectory(full, stream);
    }

    /// <summary>
    /// Owner only (0700), except that a group allowed to pass through (0710: the managed PostgreSQL's user, set when it
    /// first started) keeps that right, so that a restart never takes it away from a server that may still be running.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CloseToOthers(string directory)
    {
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var current = System.IO.File.GetUnixFileMode(directory);
        var wanted = owner | (current & UnixFileMode.GroupExecute);
        if (current != wanted) System.IO.File.SetUnixFileMode(directory, wanted);
    }

    /// <summary>Reads a secret file, or creates it with a fresh value readable by the owner only.</summary>
    public string ReadOrCreateSecret(string name, Func<string> generate)
    {
        var path = File(name);
        if (System.IO.File.Exists(path)) return System.IO.File.ReadAllText(path).Trim();
        var value = generate();
        var temporary = path + ".tmp";
        System.IO.File.WriteAllText(temporary, value + "\n");
        if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        System.IO.File.Move(temporary, path, overwrite: false);
        return value;
    }

    private static string? TryRead(string path)
    {
        try
        {
            var text = System.IO.File.ReadAllText(path).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _lock.Dispose();
}
