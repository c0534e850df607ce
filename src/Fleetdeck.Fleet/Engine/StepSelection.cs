namespace Fleetdeck.Fleet.Engine;

/// <summary>Which steps run, in PTD's order of rules: names checked, <c>--only</c> (pipeline order kept), reversed for <c>--destroy</c>, then <c>--from</c>.</summary>
public static class StepSelection
{
    public static IReadOnlyList<IStep> Select(IReadOnlyList<IStep> pipeline, EnsureOptions options, string target)
    {
        var names = pipeline.Select(s => s.Name).ToList();
        foreach (var name in options.Only.Append(options.From).OfType<string>())
            if (!names.Contains(name, StringComparer.Ordinal))
                throw new UnknownStepException($"unknown step \"{name}\" for {target} (steps: {string.Join(", ", names)}): see fleetdeck ensure {target} --list-steps");
        IEnumerable<IStep> steps = options.Only.Count > 0 ? pipeline.Where(s => options.Only.Contains(s.Name, StringComparer.Ordinal)) : pipeline;
        if (options.Destroy) steps = steps.Reverse();
        var list = steps.ToList();
        if (options.From is { } from)
        {
            var index = list.FindIndex(s => s.Name == from);
            if (index < 0) throw new UnknownStepException($"step \"{from}\" (--from) is not among the selected steps ({string.Join(", ", list.Select(s => s.Name))})");
            list = list[index..];
        }
        return list;
    }
}

/// <summary>A step name that the target's pipeline does not have.</summary>
public sealed class UnknownStepException(string message) : Exception(message);
