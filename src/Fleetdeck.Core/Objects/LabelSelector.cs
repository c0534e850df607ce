using System.Text.RegularExpressions;
using k8s.Models;

namespace Fleetdeck.Core.Objects;

/// <summary>
/// A Kubernetes label selector: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>,
/// joined by commas (all must match). An empty selector matches everything.
/// </summary>
public sealed partial class LabelSelector
{
    private readonly Requirement[] _requirements;

    private LabelSelector(IEnumerable<Requirement> requirements) => _requirements = [.. requirements];

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEmpty => _requirements.Length == 0;

    /// <summary>The selector <c>key=value</c>, without parsing (the value may be anything a label value may be).</summary>
    public static LabelSelector Equal(string key, string value) =>
        new([new Requirement(key, Operator.Equals, new HashSet<string>(StringComparer.Ordinal) { value })]);

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var requirements = new List<Requirement>();
        foreach (var part in SplitTopLevel(text))
        {
            var item = part.Trim();
            Match m;
            if ((m = SetPattern().Match(item)).Success)
            {
                var values = m.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                requirements.Add(new Requirement(Key(m.Groups["key"].Value, text), m.Groups["op"].Value == "in" ? Operator.In : Operator.NotIn, values));
            }
            else if ((m = EqualityPattern().Match(item)).Success)
            {
                var op = m.Groups["op"].Value == "!=" ? Operator.NotEquals : Operator.Equals;
                requirements.Add(new Requirement(Key(m.Groups["key"].Value, text), op, new HashSet<string>(StringComparer.Ordinal) { m.Groups["value"].Value }));
            }
            else if ((m = ExistsPattern().Match(item)).Success)
            {
                requirements.Add(new Requirement(Key(m.Groups["key"].Value, text), m.Groups["not"].Success ? Operator.DoesNotExist : Operator.Exists, new HashSet<string>()));
            }
            else
            {
                throw new FormatException($"invalid label selector \"{text}\": cannot parse \"{item}\"");
            }
        }
        return new LabelSelector(requirements);
    }

    /// <summary>A selector from a Kubernetes <see cref="V1LabelSelector"/> (matchLabels and matchExpressions).</summary>
    public static LabelSelector From(V1LabelSelector? selector)
    {
        if (selector is null) return Everything;
        var requirements = new List<Requirement>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
            requirements.Add(new Requirement(key, Operator.Equals, new HashSet<string>(StringComparer.Ordinal) { value }));
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var op = expression.OperatorProperty switch
            {
                "In" => Operator.In,
                "NotIn" => Operator.NotIn,
                "Exists" => Operator.Exists,
                "DoesNotExist" => Operator.DoesNotExist,
                var other => throw new FormatException($"unknown label selector operator \"{other}\""),
            };
            requirements.Add(new Requirement(expression.Key, op, (expression.Values ?? []).ToHashSet(StringComparer.Ordinal)));
        }
        return new LabelSelector(requirements);
    }

    public bool Matches(IDictionary<string, string>? labels)
    {
        foreach (var requirement in _requirements)
        {
            string? value = null;
            var has = labels is not null && labels.TryGetValue(requirement.Key, out value);
            var ok = requirement.Op switch
            {
                Operator.Equals => has && requirement.Values.Contains(value!),
                Operator.NotEquals => !has || !requirement.Values.Contains(value!),
                Operator.In => has && requirement.Values.Contains(value!),
                Operator.NotIn => !has || !requirement.Values.Contains(value!),
                Operator.Exists => has,
                Operator.DoesNotExist => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));

    private static string Key(string key, string text) =>
        LabelKey().IsMatch(key) ? key : throw new FormatException($"invalid label selector \"{text}\": invalid label key \"{key}\"");

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }

    private enum Operator { Equals, NotEquals, In, NotIn, Exists, DoesNotExist }

    private sealed record Requirement(string Key, Operator Op, IReadOnlySet<string> Values)
    {
        public override string ToString() => Op switch
        {
            Operator.Equals => $"{Key}={Values.Single()}",
            Operator.NotEquals => $"{Key}!={Values.Single()}",
            Operator.In => $"{Key} in ({string.Join(",", Values.Order(StringComparer.Ordinal))})",
            Operator.NotIn => $"{Key} notin ({string.Join(",", Values.Order(StringComparer.Ordinal))})",
            Operator.Exists => Key,
            _ => $"!{Key}",
        };
    }

    [GeneratedRegex(@"^(?<key>[^\s!=(),]+)\s+(?<op>in|notin)\s*\((?<values>[^)]*)\)$")]
    private static partial Regex SetPattern();

    [GeneratedRegex(@"^(?<key>[^\s!=(),]+)\s*(?<op>==|=|!=)\s*(?<value>[A-Za-z0-9._-]*)$")]
    private static partial Regex EqualityPattern();

    [GeneratedRegex(@"^(?<not>!)?\s*(?<key>[^\s!=(),]+)$")]
    private static partial Regex ExistsPattern();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();
}
