using System.Text;
using System.Text.RegularExpressions;
using Fleetdeck.Cli.Tests.Team;

namespace Fleetdeck.Cli.Tests.Docs;

/// <summary>
/// The <c>fleetdeck</c> command lines of README.md and docs/*.md: every line of a shell fence (<c>bash</c>, <c>sh</c>,
/// <c>shell</c>, <c>console</c>, or none) that runs <c>fleetdeck</c> (or <c>dotnet run --project src/Fleetdeck.Cli --</c>),
/// as its arguments. Comments, prompts, pipes, <c>&amp;&amp;</c>, a trailing <c>&amp;</c> and environment assignments are
/// shell, not fleetdeck, and are left out; <c>$VAR</c> becomes a sample value. Synopses belong in <c>text</c> fences.
/// </summary>
public static partial class DocumentedCommands
{
    public sealed record Line(string File, int Number, string Text, IReadOnlyList<string> Args)
    {
        public override string ToString() => $"{File}:{Number}: {Text}";
    }

    public static IReadOnlyList<Line> All()
    {
        var root = RenderCommandTests.RepositoryRoot();
        var files = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal));
        return [.. files.SelectMany(f => From(Path.GetRelativePath(root, f), File.ReadAllLines(f)))];
    }

    public static IEnumerable<Line> From(string file, IReadOnlyList<string> lines)
    {
        string? fence = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                fence = fence is null ? trimmed[3..].Trim() : null;
                continue;
            }
            if (fence is null || fence is not ("" or "bash" or "sh" or "shell" or "console")) continue;
            var number = i + 1;
            var text = lines[i];
            while (text.TrimEnd().EndsWith('\\') && i + 1 < lines.Count) text = text.TrimEnd()[..^1] + " " + lines[++i].Trim();
            if (fence == "console" || text.TrimStart().StartsWith("$ ", StringComparison.Ordinal))
            {
                if (!text.TrimStart().StartsWith("$ ", StringComparison.Ordinal)) continue; // output, not a command
                text = text.TrimStart()[2..];
            }
            foreach (var args in Commands(Words(text)))
                yield return new Line(file, number, lines[number - 1].Trim(), args);
        }
    }

    /// <summary>The fleetdeck invocations in one shell line, split at <c>|</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>;</c> and <c>&amp;</c>.</summary>
    private static IEnumerable<List<string>> Commands(List<string> words)
    {
        var segment = new List<string>();
        foreach (var word in words.Append(";"))
        {
            if (word is "|" or "&&" or "||" or ";" or "&")
            {
                var start = segment.FindIndex(w => !EnvironmentAssignment().IsMatch(w));
                var command = start < 0 ? [] : segment[start..];
                if (command.Count > 0 && command[0] == "fleetdeck") yield return command[1..];
                else if (command.Count >= 4 && command[0] == "dotnet" && command[1] == "run" && command.IndexOf("--") is var dashes and > 0
                         && command.Contains("src/Fleetdeck.Cli")) yield return command[(dashes + 1)..];
                segment = [];
                continue;
            }
            segment.Add(word);
        }
    }

    /// <summary>Shell words: quotes group, <c>#</c> after a space starts a comment, <c>$VAR</c> is a sample value.</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
                else if (c == '$' && quote == '"' && Variable(line, i) is { Length: > 0 } name) { current.Append("sample-" + name.ToLowerInvariant()); i += name.Length; }
                else current.Append(c);
                continue;
            }
            if (c is '"' or '\'') { quote = c; inWord = true; continue; }
            if (c == '#' && !inWord) break;
            if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
                continue;
            }
            if (c == '$' && Variable(line, i) is { Length: > 0 } variable) { current.Append("sample-" + variable.ToLowerInvariant()); i += variable.Length; inWord = true; continue; }
            if (!inWord && (c is '|' or ';' or '&'))
            {
                var op = i + 1 < line.Length && line[i + 1] == c && c != ';' ? $"{c}{c}" : $"{c}";
                words.Add(op);
                i += op.Length - 1;
                continue;
            }
            current.Append(c);
            inWord = true;
        }
        if (inWord) words.Add(current.ToString());
        return words;
    }

    private static string Variable(string line, int dollar)
    {
        var end = dollar + 1;
        while (end < line.Length && (char.IsLetterOrDigit(line[end]) || line[end] == '_')) end++;
        return line[(dollar + 1)..end];
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*=")]
    private static partial Regex EnvironmentAssignment();
}
