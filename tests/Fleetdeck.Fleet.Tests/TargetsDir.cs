namespace Fleetdeck.Fleet.Tests;

/// <summary>A targets directory in a temp folder, written file by file.</summary>
public sealed class TargetsDir : IDisposable
{
    private readonly TempDirectory _dir = new("fleet-targets");

    public string Path => _dir.Path;

    public string Write(string relative, string text)
    {
        var path = System.IO.Path.Combine(_dir.Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public static string Example(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "examples", name);

    /// <summary>A copy of an example targets directory, to change.</summary>
    public static TargetsDir CopyOf(string example)
    {
        var dir = new TargetsDir();
        var source = Example(example);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            dir.Write(System.IO.Path.GetRelativePath(source, file), File.ReadAllText(file));
        return dir;
    }

    public void Dispose() => _dir.Dispose();
}
