using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Admission;

/// <summary>Upstream's schema defaults and bounds for <c>jupyterConfig</c>.</summary>
internal static class JupyterDefaults
{
    public static void Apply(WorkbenchJupyterConfig jupyter)
    {
        jupyter.NotebooksEnabled ??= 0;
        jupyter.LabsEnabled ??= 1;
        jupyter.LabVersion ??= "auto";
        jupyter.NotebookVersion ??= "auto";
        jupyter.SessionCullMinutes ??= 120;
        jupyter.SessionShutdownMinutes ??= 5;
    }

    public static void Check(FieldChecks checks, string path, WorkbenchJupyterConfig jupyter)
    {
        checks.Range($"{path}.notebooks-enabled", jupyter.NotebooksEnabled, 0, 1);
        checks.Range($"{path}.labs-enabled", jupyter.LabsEnabled, 0, 1);
        checks.Minimum($"{path}.session-cull-minutes", jupyter.SessionCullMinutes, 0);
        checks.Minimum($"{path}.session-shutdown-minutes", jupyter.SessionShutdownMinutes, 0);
    }
}
