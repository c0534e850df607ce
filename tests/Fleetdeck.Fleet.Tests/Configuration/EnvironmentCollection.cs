namespace Fleetdeck.Fleet.Tests.Configuration;

/// <summary>Tests that set FLEETDECK_* variables run alone: the environment is the process's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
