using Fleetdeck.Cli;

return await FleetdeckCli.RunAsync(args);
