using System.Text.Json.Nodes;
using Fleetdeck.Fleet.Engine;

namespace Fleetdeck.Fleet.Tests.Engine;

public sealed class ObjectDiffTests
{
    [Fact]
    public void A_diff_shows_only_what_the_desired_object_sets_and_marks_the_changed_lines()
    {
        var desired = JsonNode.Parse("""{"apiVersion":"v1","kind":"Site","metadata":{"name":"a","labels":{"x":"1"}},"spec":{"domain":"new.example.com","connect":{"enabled":true}}}""")!.AsObject();
        var live = JsonNode.Parse("""{"apiVersion":"v1","kind":"Site","metadata":{"name":"a","uid":"u","labels":{"x":"1","other":"2"}},"spec":{"domain":"old.example.com","connect":{"enabled":true,"replicas":1}},"status":{"conditions":[]}}""")!.AsObject();
        ObjectDiff.Changed(desired, live).ShouldBe("""
              metadata:
                labels:
                  x: "1"
              spec:
            -   domain: old.example.com
            +   domain: new.example.com
                connect:
                  enabled: true

            """.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Secret_values_never_show_only_a_digest_that_changes_with_them()
    {
        var desired = JsonNode.Parse("""{"kind":"Secret","metadata":{"name":"s"},"data":{"main-database-url":"cG9zdGdyZXM6Ly91OnNlY3JldEBoL2Q="}}""")!.AsObject();
        var live = JsonNode.Parse("""{"kind":"Secret","metadata":{"name":"s"},"data":{"main-database-url":"b2xk"}}""")!.AsObject();
        var diff = ObjectDiff.Changed(desired, live);
        diff.ShouldNotContain("cG9zdGdyZXM6Ly91OnNlY3JldEBoL2Q=");
        diff.ShouldNotContain("b2xk");
        diff.ShouldContain("  data:\n-   main-database-url: (secret, sha256 ");
        diff.ShouldContain("+   main-database-url: (secret, sha256 ");
        ObjectDiff.Created(desired).ShouldNotContain("cG9zd");
    }
}
