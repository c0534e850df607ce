namespace Fleetdeck.Kubernetes.Tests.Operator;

/// <summary>
/// Tests that time real processes against a wall-clock bound run alone, after the rest: the load of tests running
/// beside them on the same cores would be measured with them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "runs alone";
}
