using Fleetdeck.Rollouts.Schedule;

namespace Fleetdeck.Rollouts.Tests.Schedule;

public sealed class ReleaseScheduleTests
{
    private static readonly ReleaseSchedule LosAngeles = ReleaseSchedule.Default;

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Friday_5pm_in_Los_Angeles_is_Friday_not_Saturday()
    {
        // 2019-04-20T00:00Z is Friday 17:00 PDT. The anchor took the weekday from the UTC timestamp and called it Saturday.
        var instant = Utc("2019-04-20T00:00:00Z");
        LosAngeles.Permits("inhumane", instant).ShouldBeTrue();
        LosAngeles.Permits("humane", instant).ShouldBeFalse(); // Friday after 14:00
        LosAngeles.Permits("humane", Utc("2019-04-19T20:00:00Z")).ShouldBeTrue(); // Friday 13:00 PDT
    }

    [Theory]
    [InlineData("2026-03-09T14:00:00Z", true)]  // Monday 07:00 PDT
    [InlineData("2026-03-09T13:59:00Z", false)] // Monday 06:59 PDT
    [InlineData("2026-03-09T22:59:00Z", true)]  // Monday 15:59 PDT
    [InlineData("2026-03-09T23:00:00Z", false)] // Monday 16:00 PDT
    [InlineData("2026-03-13T20:59:00Z", true)]  // Friday 13:59 PDT
    [InlineData("2026-03-13T21:00:00Z", false)] // Friday 14:00 PDT
    [InlineData("2026-03-14T18:00:00Z", false)] // Saturday
    [InlineData("2026-03-15T18:00:00Z", false)] // Sunday
    [InlineData("2026-01-12T15:00:00Z", true)]  // Monday 07:00 PST (winter offset)
    [InlineData("2026-01-12T14:59:00Z", false)] // Monday 06:59 PST
    public void Humane_hours_are_taken_in_the_zone_across_daylight_saving(string instant, bool expected) =>
        LosAngeles.Permits("humane", Utc(instant)).ShouldBe(expected);

    [Fact]
    public void The_day_before_a_holiday_ends_at_two()
    {
        // Wednesday 2026-11-25, before Thanksgiving (Thursday 2026-11-26); PST is UTC-8.
        LosAngeles.Permits("humane", Utc("2026-11-25T21:59:00Z")).ShouldBeTrue();  // 13:59
        LosAngeles.Permits("humane", Utc("2026-11-25T22:00:00Z")).ShouldBeFalse(); // 14:00
        LosAngeles.Permits("humane", Utc("2026-11-18T22:00:00Z")).ShouldBeTrue();  // an ordinary Wednesday at 14:00
    }

    [Theory]
    [InlineData(2024, 11, 28)] // Thanksgiving: 4th Thursday
    [InlineData(2030, 11, 28)]
    [InlineData(2031, 11, 27)]
    [InlineData(2026, 5, 25)]  // Memorial Day: last Monday of May
    [InlineData(2026, 9, 7)]   // Labor Day
    [InlineData(2027, 1, 18)]  // MLK Day: 3rd Monday of January
    [InlineData(2026, 7, 3)]   // July 4th 2026 is a Saturday: observed Friday
    [InlineData(2027, 7, 5)]   // July 4th 2027 is a Sunday: observed Monday
    [InlineData(2035, 12, 25)]
    [InlineData(2027, 12, 31)] // New Year 2028 is a Saturday: observed Friday Dec 31
    public void Holidays_come_from_rules_for_any_year_never_a_stale_list(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        HolidayCalendar.UnitedStates.IsHoliday(date).ShouldBeTrue();
        var noon = new DateTimeOffset(year, month, day, 12, 0, 0, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles").GetUtcOffset(new DateTime(year, month, day, 12, 0, 0)));
        LosAngeles.Permits("inhumane", noon).ShouldBeFalse();
        LosAngeles.Permits("humane", noon).ShouldBeFalse();
        LosAngeles.Permits("always", noon).ShouldBeTrue();
    }

    [Fact]
    public void An_ordinary_weekday_is_no_holiday() =>
        HolidayCalendar.UnitedStates.IsHoliday(new DateOnly(2026, 3, 10)).ShouldBeFalse();

    [Fact]
    public void The_zone_is_configurable()
    {
        var berlin = new ReleaseSchedule(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), new HolidayCalendar([]));
        // Monday 2026-03-09 06:30Z is 07:30 in Berlin, still Sunday night in Los Angeles.
        berlin.Permits("humane", Utc("2026-03-09T06:30:00Z")).ShouldBeTrue();
        LosAngeles.Permits("humane", Utc("2026-03-09T06:30:00Z")).ShouldBeFalse();
    }

    [Fact]
    public void The_kill_switch_permits_only_always()
    {
        var off = new ReleaseSchedule(LosAngeles.Zone, HolidayCalendar.UnitedStates, humaneReleasesEnabled: false);
        off.Permits("inhumane", Utc("2026-03-10T18:00:00Z")).ShouldBeFalse();
        off.Permits("always", Utc("2026-03-14T18:00:00Z")).ShouldBeTrue();
    }

    [Fact]
    public void A_release_past_its_canary_ignores_the_schedule()
    {
        var saturday = Utc("2026-03-14T18:00:00Z");
        LosAngeles.PermitsRelease("inhumane", saturday, saturday, peakPercent: 20, canaryPercent: 10).ShouldBeTrue();
        LosAngeles.PermitsRelease("inhumane", saturday, saturday, peakPercent: 10, canaryPercent: 10).ShouldBeFalse();
        LosAngeles.PermitsRelease("inhumane", Utc("2026-03-13T18:00:00Z"), saturday, 0, 0).ShouldBeTrue(); // created on a Friday
    }
}
