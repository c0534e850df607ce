namespace Fleetdeck.Kubernetes.Tests;

/// <summary>Compares rendered output with a file under <c>Golden/</c>; <c>FLEETDECK_UPDATE_GOLDEN=1</c> rewrites the files instead.</summary>
public static class GoldenFile
{
    public static void Check(string name, string actual)
    {
        var path = Path.Combine(Repository.Root, "tests", "Fleetdeck.Kubernetes.Tests", "Golden", name);
        Compare(path, actual);
    }

    /// <summary>Compares with any file in the repository (a generated file that is committed, such as <c>deploy/</c>).</summary>
    public static void Compare(string path, string actual)
    {
        if (Environment.GetEnvironmentVariable("FLEETDECK_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        File.Exists(path).ShouldBeTrue($"golden file {path} is missing: run the tests with FLEETDECK_UPDATE_GOLDEN=1 to write it");
        actual.ShouldBe(File.ReadAllText(path), $"differs from {path} (FLEETDECK_UPDATE_GOLDEN=1 rewrites it after a deliberate change)");
    }
}

/// <summary>Where the repository is, found from the test binaries' location.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fleetdeck.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no Fleetdeck.slnx above {AppContext.BaseDirectory}");
    }
}
