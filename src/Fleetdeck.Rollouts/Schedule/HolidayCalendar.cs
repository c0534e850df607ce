namespace Fleetdeck.Rollouts.Schedule;

/// <summary>Holidays from rules, for any year: the default set is the US holidays the anchor's list covered.</summary>
public sealed class HolidayCalendar(IReadOnlyList<HolidayRule> rules)
{
    private static readonly HolidayRule Thanksgiving = new HolidayRule.NthWeekday("Thanksgiving", 11, DayOfWeek.Thursday, 4);

    public static HolidayCalendar UnitedStates { get; } = new(
    [
        new HolidayRule.Fixed("New Year's Day", 1, 1),
        new HolidayRule.NthWeekday("Martin Luther King Jr. Day", 1, DayOfWeek.Monday, 3),
        new HolidayRule.NthWeekday("Presidents' Day", 2, DayOfWeek.Monday, 3),
        new HolidayRule.LastWeekday("Memorial Day", 5, DayOfWeek.Monday),
        new HolidayRule.Fixed("Juneteenth", 6, 19),
        new HolidayRule.Fixed("Independence Day", 7, 4),
        new HolidayRule.NthWeekday("Labor Day", 9, DayOfWeek.Monday, 1),
        Thanksgiving,
        new HolidayRule.Offset("Day after Thanksgiving", Thanksgiving, 1),
        new HolidayRule.Fixed("Christmas Eve", 12, 24, Observed: false),
        new HolidayRule.Fixed("Christmas Day", 12, 25),
        new HolidayRule.Fixed("New Year's Eve", 12, 31, Observed: false),
    ]);

    public IReadOnlyList<HolidayRule> Rules { get; } = rules;

    /// <summary>The holiday on <paramref name="date"/>, if any. A New Year observed on the 31st of the year before counts.</summary>
    public HolidayRule? Find(DateOnly date)
    {
        foreach (var rule in Rules)
            if (rule.DateIn(date.Year) == date || (date.Month == 12 && rule.DateIn(date.Year + 1) == date))
                return rule;
        return null;
    }

    public bool IsHoliday(DateOnly date) => Find(date) is not null;
}
