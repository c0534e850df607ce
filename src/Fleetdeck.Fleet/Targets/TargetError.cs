using Fleetdeck.Core.Serialization;

namespace Fleetdeck.Fleet.Targets;

/// <summary>One problem in a target file: where (file and line), which field, what is wrong and how to fix it.</summary>
public sealed record TargetError(string File, int Line, string Field, string Message)
{
    public static TargetError At(SourcePosition position, string field, string message) => new(position.Source, position.Line, field, message);

    public override string ToString() =>
        Line > 0 ? $"{DisplayPath(File)}:{Line}: {(Field.Length > 0 ? Field + ": " : "")}{Message}" : $"{DisplayPath(File)}: {(Field.Length > 0 ? Field + ": " : "")}{Message}";

    /// <summary>Paths under the current directory print relative to it, so error lines stay short.</summary>
    public static string DisplayPath(string path)
    {
        if (!Path.IsPathRooted(path)) return path;
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}

/// <summary>Target files that cannot be used; one line per problem.</summary>
public sealed class TargetsException(IReadOnlyList<TargetError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public TargetsException(TargetError error)
        : this([error])
    {
    }

    public IReadOnlyList<TargetError> Errors { get; } = errors;
}
