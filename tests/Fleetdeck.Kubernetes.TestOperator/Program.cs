using Fleetdeck.Cli;
using Fleetdeck.Kubernetes.TestOperator;

return await FleetdeckCli.RunAsync(args, [.. Modules.ControlPlane, new WidgetModule(), new GadgetModule()]);
