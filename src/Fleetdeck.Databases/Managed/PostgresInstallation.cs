namespace Fleetdeck.Databases.Managed;

/// <summary>
/// Where the PostgreSQL server programs (<c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>) are: on PATH, or in the
/// versioned bin folder Debian and Ubuntu install them in (<c>/usr/lib/postgresql/&lt;version&gt;/bin</c>, not on PATH).
/// </summary>
public sealed record PostgresInstallation(string BinDirectory)
{
    private static readonly string[] Programs = ["initdb", "pg_ctl", "postgres"];

    /// <summary>Debian/Ubuntu, then Fedora/RHEL (PGDG) layouts; the newest version wins.</summary>
    private static readonly string[] VersionedRoots = ["/usr/lib/postgresql", "/usr/pgsql-"];

    public const string InstallHint =
        "install PostgreSQL (Debian/Ubuntu: apt-get install postgresql; Fedora/RHEL: dnf install postgresql-server; macOS: brew install postgresql), " +
        "or pass the admin URL of a server you run: --postgres-url postgres://user:password@host:5432/postgres (or FLEETDECK_POSTGRES_URL)";

    public string Program(string name) => Path.Combine(BinDirectory, name);

    /// <summary>Finds an installation, or returns null when none is found.</summary>
    public static PostgresInstallation? Find(string? path = null)
    {
        foreach (var directory in (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (HasPrograms(directory)) return new PostgresInstallation(ResolveLinks(directory));

        var candidates = new List<(Version Version, string Bin)>();
        if (Directory.Exists(VersionedRoots[0]))
            foreach (var dir in Directory.GetDirectories(VersionedRoots[0]))
                AddCandidate(candidates, Path.GetFileName(dir), Path.Combine(dir, "bin"));
        var parent = Path.GetDirectoryName(VersionedRoots[1])!;
        if (Directory.Exists(parent))
            foreach (var dir in Directory.GetDirectories(parent, "pgsql-*"))
                AddCandidate(candidates, Path.GetFileName(dir)["pgsql-".Length..], Path.Combine(dir, "bin"));
        return candidates.OrderByDescending(c => c.Version).Select(c => new PostgresInstallation(c.Bin)).FirstOrDefault();
    }

    private static void AddCandidate(List<(Version, string)> candidates, string versionText, string bin)
    {
        if (!HasPrograms(bin)) return;
        var version = Version.TryParse(versionText.Contains('.') ? versionText : versionText + ".0", out var v) ? v : new Version(0, 0);
        candidates.Add((version, bin));
    }

    private static bool HasPrograms(string directory) => Programs.All(p => File.Exists(Path.Combine(directory, p)));

    /// <summary>A PATH entry of symbolic links (<c>/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb</c>) resolves to the real folder, where the server's own helpers are.</summary>
    private static string ResolveLinks(string directory)
    {
        var initdb = new FileInfo(Path.Combine(directory, "initdb"));
        if (initdb.LinkTarget is null) return directory;
        var target = initdb.ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? directory : Path.GetDirectoryName(target.FullName)!;
    }
}
