using System.Runtime.CompilerServices;

namespace Fleetdeck.Rollouts.Tests.Golden;

/// <summary>Compares rendered output with a file under Golden/; <c>FLEETDECK_UPDATE_GOLDEN=1</c> rewrites the files instead.</summary>
internal static class GoldenFile
{
    public static void Match(string name, string actual, [CallerFilePath] string caller = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(caller)!, "..", "Golden");
        var path = Path.GetFullPath(Path.Combine(directory, name));
        if (Environment.GetEnvironmentVariable("FLEETDECK_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        File.Exists(path).ShouldBeTrue($"golden file {path} is missing: run the tests with FLEETDECK_UPDATE_GOLDEN=1 to write it");
        actual.ShouldBe(File.ReadAllText(path), $"differs from {path} (FLEETDECK_UPDATE_GOLDEN=1 rewrites it after a deliberate change)");
    }
}
