using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Tests.Engine;

public sealed class StepSelectionTests
{
    private static readonly IReadOnlyList<IStep> Pipeline = [.. new[] { "a", "b", "c", "d" }.Select(n => (IStep)new FakeStep(n))];

    // PTD's order of rules: --only keeps pipeline order, --destroy reverses, then --from.
    [Theory]
    [InlineData("", null, false, "a,b,c,d")]
    [InlineData("c,a", null, false, "a,c")]
    [InlineData("", "c", false, "c,d")]
    [InlineData("", null, true, "d,c,b,a")]
    [InlineData("", "c", true, "c,b,a")]
    [InlineData("b,d", "d", true, "d,b")]
    [InlineData("a,b,c", "b", false, "b,c")]
    public void Selects_in_ptd_order(string only, string? from, bool destroy, string expected)
    {
        var options = new EnsureOptions { Only = only.Split(',', StringSplitOptions.RemoveEmptyEntries), From = from, Destroy = destroy };
        string.Join(",", StepSelection.Select(Pipeline, options, "t").Select(s => s.Name)).ShouldBe(expected);
    }

    [Fact]
    public void Unknown_names_and_a_from_outside_only_are_refused()
    {
        Should.Throw<UnknownStepException>(() => StepSelection.Select(Pipeline, new EnsureOptions { Only = ["x"] }, "t")).Message
            .ShouldBe("unknown step \"x\" for t (steps: a, b, c, d): see fleetdeck ensure t --list-steps");
        Should.Throw<UnknownStepException>(() => StepSelection.Select(Pipeline, new EnsureOptions { Only = ["a"], From = "c" }, "t")).Message
            .ShouldContain("is not among the selected steps (a)");
    }
}
