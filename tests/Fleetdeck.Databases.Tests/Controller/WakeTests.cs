using k8s.Models;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Databases.Tests.Controller;

/// <summary>Which updates of a PostgresDatabase wake its controller: not its own status writes.</summary>
public sealed class WakeTests
{
    private static PostgresDatabase Db(string rv, long generation, string? rotate = null, DateTime? deleting = null, string[]? finalizers = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "d", ResourceVersion = rv, Generation = generation, DeletionTimestamp = deleting,
            Annotations = rotate is null ? null : new Dictionary<string, string> { [PostgresDatabase.RotatePasswordAnnotation] = rotate },
            Finalizers = finalizers,
        },
    };

    public static TheoryData<string, PostgresDatabase, PostgresDatabase, bool> Cases => new()
    {
        { "a status write", Db("1", 1), Db("2", 1), false },
        { "a resync", Db("1", 1), Db("1", 1), true },
        { "a spec change", Db("1", 1), Db("2", 2), true },
        { "a rotation request", Db("1", 1), Db("2", 1, rotate: "x"), true },
        { "a new rotation value", Db("1", 1, rotate: "x"), Db("2", 1, rotate: "y"), true },
        { "deletion starting", Db("1", 1), Db("2", 1, deleting: DateTime.UtcNow), true },
        { "our own finalizer added (the resync restores one removed by someone)", Db("1", 1), Db("2", 1, finalizers: [PostgresDatabase.Finalizer]), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Updates_that_wake_the_controller(string what, PostgresDatabase old, PostgresDatabase current, bool wakes) =>
        DatabasesModule.Wakes(old, current).ShouldBe(wakes, what);
}
