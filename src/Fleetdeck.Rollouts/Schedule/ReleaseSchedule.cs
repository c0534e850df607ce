namespace Fleetdeck.Rollouts.Schedule;

/// <summary>
/// When releases may start, as in the anchor, but computed wholly in one configurable time zone (default
/// America/Los_Angeles): the date, weekday and hour of an instant are all taken in that zone (the anchor took only the
/// hour there and the date and weekday from the timestamp's own offset, so Friday 17:00 PT counted as Saturday).
/// <list type="bullet">
/// <item><c>always</c>: any time.</item>
/// <item><c>inhumane</c> (default): not on holidays or weekends; any hour.</item>
/// <item><c>humane</c>: not on holidays or weekends; Monday–Thursday 07:00–15:59; Friday, and a weekday before a
///   holiday, 07:00–13:59.</item>
/// </list>
/// </summary>
public sealed class ReleaseSchedule(TimeZoneInfo zone, HolidayCalendar holidays, bool humaneReleasesEnabled = true)
{
    public const string DefaultZone = "America/Los_Angeles";

    public static ReleaseSchedule Default { get; } = new(TimeZoneInfo.FindSystemTimeZoneById(DefaultZone), HolidayCalendar.UnitedStates);

    public TimeZoneInfo Zone { get; } = zone;

    public HolidayCalendar Holidays { get; } = holidays;

    /// <summary>Whether <paramref name="schedule"/> permits a release at <paramref name="instant"/>.</summary>
    public bool Permits(string? schedule, DateTimeOffset instant)
    {
        if (!humaneReleasesEnabled) return schedule == "always";
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        switch (schedule)
        {
            case "humane":
                if (Holidays.IsHoliday(date) || weekend) return false;
                var hour = local.Hour;
                if (Holidays.IsHoliday(date.AddDays(1)) || local.DayOfWeek == DayOfWeek.Friday) return hour is >= 7 and < 14;
                return hour is >= 7 and < 16;
            case "inhumane":
                return !Holidays.IsHoliday(date) && !weekend;
            default:
                return true;
        }
    }

    /// <summary>
    /// The anchor's rule for an incarnation: permitted at the revision's time or now; not consulted at all once the
    /// incarnation has had more traffic than its canary (a release interrupted by a restart carries on).
    /// </summary>
    public bool PermitsRelease(string? schedule, DateTimeOffset revisionTime, DateTimeOffset now, int peakPercent, int canaryPercent) =>
        (peakPercent > 0 && peakPercent > canaryPercent) || Permits(schedule, revisionTime) || Permits(schedule, now);
}
