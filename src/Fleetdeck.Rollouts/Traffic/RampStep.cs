using Fleetdeck.Rollouts.Api;

namespace Fleetdeck.Rollouts.Traffic;

/// <summary>
/// The linear and geometric steps of a ramp, as in the anchor: decreases are immediate; an increase waits for the
/// delay since the percent last changed and for the ramp gate. Arithmetic is in 64 bits, so no factor overflows.
/// </summary>
public static class RampStep
{
    /// <summary>The percent after <paramref name="current"/> for a ceiling of <paramref name="max"/>, ignoring time.</summary>
    public static int Next(int current, int max, ReleaseSettings settings)
    {
        if (max <= 0) return 0;
        var ceiling = Math.Min(max, settings.Max);
        if (current > ceiling) return ceiling;
        long next = settings.Strategy switch
        {
            ScalingStrategy.Linear => (long)current + Math.Max(0, settings.LinearIncrement),
            _ => current < settings.GeometricStart ? settings.GeometricStart : (long)current * Math.Max(0, settings.GeometricFactor),
        };
        return (int)Math.Min(next, ceiling);
    }

    /// <summary>
    /// One tick of the ramp. <paramref name="promoted"/> skips the delay and goes to the ceiling; <paramref name="paused"/>
    /// holds every increase. The gate is asked only about an increase that is due.
    /// </summary>
    public static int Scale(int current, int max, ReleaseSettings settings, DateTimeOffset? percentUpdated, DateTimeOffset now,
        Func<int, bool> canRampTo, bool paused = false, bool promoted = false)
    {
        var next = promoted && max > 0 ? Math.Min(max, settings.Max) : Next(current, max, settings);
        if (next <= current) return next;
        if (paused) return current;
        if (!promoted && percentUpdated is { } updated && updated + settings.Delay > now) return current;
        return canRampTo(next) ? next : current;
    }

    /// <summary>The increases from 0 to the ceiling, for the time a ramp needs: 10, 20, 40, 80, 100 for the defaults.</summary>
    public static IReadOnlyList<int> Steps(ReleaseSettings settings, int max = 100)
    {
        var steps = new List<int>();
        var current = 0;
        while (true)
        {
            var next = Next(current, max, settings);
            if (next <= current) return steps;
            steps.Add(next);
            current = next;
        }
    }
}
