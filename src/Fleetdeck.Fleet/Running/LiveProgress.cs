using Spectre.Console;
using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Running;

/// <summary>The live view for a terminal: a table of the steps, their state and durations, redrawn as they run.</summary>
internal sealed class LiveProgress : IEnsureProgress
{
    private readonly Table _table = new Table().Border(TableBorder.Rounded).AddColumns("Step", "State", "Duration", "Changes");
    private readonly Dictionary<string, int> _rows = [];
    private readonly Dictionary<string, DateTimeOffset> _started = [];
    private readonly TimeProvider _time;
    private LiveDisplayContext? _context;

    public LiveProgress(IReadOnlyList<IStep> steps, TimeProvider time)
    {
        _time = time;
        foreach (var step in steps)
        {
            _rows[step.Name] = _rows.Count;
            _table.AddRow(step.Name, "[grey]pending[/]", "", "");
        }
    }

    public Task RunAsync(IAnsiConsole console, Func<Task> body) =>
        console.Live(_table).AutoClear(false).StartAsync(async context =>
        {
            _context = context;
            await body().ConfigureAwait(false);
            context.Refresh();
        });

    public void Started(string target, string step)
    {
        _started[step] = _time.GetUtcNow();
        _table.UpdateCell(_rows[step], 1, "[yellow]running[/]");
        _context?.Refresh();
    }

    public void Finished(string target, StepReport report)
    {
        var row = _rows[report.Step];
        var color = report.State switch { StepState.Failed => "red", StepState.Done or StepState.Planned => "green", _ => "grey" };
        _table.UpdateCell(row, 1, $"[{color}]{Markup.Escape(Presenter.StateText(report))}[/]");
        _table.UpdateCell(row, 2, Presenter.Seconds(report.Duration));
        _table.UpdateCell(row, 3, Markup.Escape(Presenter.ChangeSummary(report.Plan)));
        _context?.Refresh();
    }
}
