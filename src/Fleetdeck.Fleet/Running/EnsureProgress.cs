using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Running;

/// <summary>Plain progress lines, one per finished step (for logs and pipes, and for <c>--all</c>, where targets interleave).</summary>
internal sealed class LineProgress(TextWriter output, bool prefixTarget) : IEnsureProgress
{
    private readonly Lock _lock = new();

    public void Started(string target, string step)
    {
    }

    public void Finished(string target, StepReport report)
    {
        var line = $"{(prefixTarget ? $"[{target}] " : "")}{report.Step}: {Presenter.StateText(report)} ({Presenter.Seconds(report.Duration)}){(report.Error is null ? "" : $": {report.Error}")}";
        lock (_lock) output.WriteLine(line);
    }
}
