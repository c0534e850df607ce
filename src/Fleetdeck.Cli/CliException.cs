namespace Fleetdeck.Cli;

/// <summary>A problem the user can fix, reported as one line and exit code 1.</summary>
internal sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
