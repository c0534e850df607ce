using Fleetdeck.Cli;
using Fleetdeck.Kubernetes.TestOperator;

return await FleetdeckCli.RunAsync(args, [new WidgetModule(), new GadgetModule()]);
