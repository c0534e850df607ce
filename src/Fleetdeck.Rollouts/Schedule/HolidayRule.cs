namespace Fleetdeck.Rollouts.Schedule;

/// <summary>
/// A holiday as a rule computed per year, never a list of dates that goes stale: a fixed date (optionally moved to
/// the nearest weekday when it falls on a weekend, as US federal holidays are observed), the nth weekday of a month,
/// the last weekday of a month, or an offset from another rule (the day after Thanksgiving).
/// </summary>
public abstract record HolidayRule(string Name)
{
    public abstract DateOnly DateIn(int year);

    /// <summary>Month and day, e.g. July 4; when <paramref name="Observed"/>, Saturday moves to Friday and Sunday to Monday.</summary>
    public sealed record Fixed(string Name, int Month, int Day, bool Observed = true) : HolidayRule(Name)
    {
        public override DateOnly DateIn(int year)
        {
            var date = new DateOnly(year, Month, Day);
            if (!Observed) return date;
            return date.DayOfWeek switch
            {
                DayOfWeek.Saturday => date.AddDays(-1),
                DayOfWeek.Sunday => date.AddDays(1),
                _ => date,
            };
        }
    }

    /// <summary>The <paramref name="N"/>th <paramref name="Weekday"/> of a month (1-based), e.g. the 4th Thursday of November.</summary>
    public sealed record NthWeekday(string Name, int Month, DayOfWeek Weekday, int N) : HolidayRule(Name)
    {
        public override DateOnly DateIn(int year)
        {
            var first = new DateOnly(year, Month, 1);
            var offset = ((int)Weekday - (int)first.DayOfWeek + 7) % 7;
            return first.AddDays(offset + 7 * (N - 1));
        }
    }

    /// <summary>The last <paramref name="Weekday"/> of a month, e.g. the last Monday of May.</summary>
    public sealed record LastWeekday(string Name, int Month, DayOfWeek Weekday) : HolidayRule(Name)
    {
        public override DateOnly DateIn(int year)
        {
            var last = new DateOnly(year, Month, DateTime.DaysInMonth(year, Month));
            var offset = ((int)last.DayOfWeek - (int)Weekday + 7) % 7;
            return last.AddDays(-offset);
        }
    }

    /// <summary>Days after another rule's date, e.g. the day after Thanksgiving.</summary>
    public sealed record Offset(string Name, HolidayRule From, int Days) : HolidayRule(Name)
    {
        public override DateOnly DateIn(int year) => From.DateIn(year).AddDays(Days);
    }
}
