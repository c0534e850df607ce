using Fleetdeck.Core.Objects;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Tests;

internal static class TeamTestKinds
{
    /// <summary>The built-ins and the team operator's kinds.</summary>
    public static KindRegistry Registry()
    {
        var kinds = KindRegistry.CreateDefault();
        TeamKinds.AddTo(kinds);
        return kinds;
    }
}
