namespace Fleetdeck.TeamOperator.Tests;

/// <summary>Paths in the source tree (examples, goldens), found from the test binaries upwards.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Fleetdeck.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Fleetdeck.slnx) above " + AppContext.BaseDirectory);
    }
}
