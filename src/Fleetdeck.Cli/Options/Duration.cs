namespace Fleetdeck.Cli.Options;

/// <summary>A duration option's value: shown in help and messages as it is typed (<c>2s</c>), never as <c>00:00:02</c>.</summary>
internal readonly record struct Duration(TimeSpan Value)
{
    public override string ToString() => DurationText.Format(Value);
}
