using System.CommandLine;
using Fleetdeck.Cli.Options;
using Microsoft.Extensions.Logging;
using Fleetdeck.Cli.Client;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.Core.Modules;
using Fleetdeck.Databases.Managed;
using Fleetdeck.Provisioning;
using Fleetdeck.Server.Hosting;

namespace Fleetdeck.Cli.Commands;

/// <summary><c>fleetdeck up</c>: the whole control plane on this machine, until Ctrl-C.</summary>
internal static class UpCommand
{
    public static Command Create(Func<ModuleSettings, IReadOnlyList<IControlPlaneModule>> modules)
    {
        var stateDir = PathOption.Create("--state-dir", "Where state lives (SQLite file, kubeconfig, secrets)", ".fleetdeck");
        var kubePort = PortOption.Create("--kube-port", "Port of the Kubernetes API façade", ControlPlaneOptions.DefaultKubePort);
        var apiPort = PortOption.Create("--api-port", "Port of the REST API and dashboard", ControlPlaneOptions.DefaultApiPort);
        var metricsPort = PortOption.Create("--metrics-port", "Port of /metrics, /healthz and /readyz", ControlPlaneOptions.DefaultMetricsPort);
        var apply = PathOption.Many("--apply", "Manifests (files or directories) to apply once the control plane is up");
        var postgresUrl = new Option<string?>("--postgres-url")
        {
            Description = "Admin URL of the PostgreSQL server for databases (postgres://user:password@host:5432/postgres); without it, up runs a private server under <state-dir>/postgres",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FLEETDECK_POSTGRES_URL") is { Length: > 0 } url ? url : null,
        };
        var logLevel = ChoiceOption.Enum("--log-level", "How much to log", LogLevel.Information);
        var internalSecret = new Option<string?>("--internal-secret") { Description = "The REST API's secret (default: $FLEETDECK_INTERNAL_SECRET, else one generated into the state dir); $FLEETDECK_INTERNAL_SECRET_FALLBACKS (comma-separated) are also accepted, for rotation" };
        var orgInfrastructure = ChoiceOption.Create("--org-infrastructure", "Where orgs' infrastructure comes from: local (this machine's PostgreSQL and disk) or claims (an infrastructure engine)",
            Fleetdeck.Provisioning.ProvisioningSettings.Infrastructures, "local");
        var orgDatabaseUrl = new Option<string?>("--org-database-url") { Description = "Admin URL of the PostgreSQL server orgs are provisioned on (default: $FLEETDECK_ORG_DATABASE_URL, else the managed server)" };
        var prometheus = UrlOption.Create("--prometheus-url", "Prometheus whose SLO alerts roll canaries back (default: $FLEETDECK_PROMETHEUS_URL; without one, only the simulated clusters' alerts)", "http://prometheus:9090");
        var simulatedStartup = DurationOption.Create("--simulated-startup", "How long a simulated workload takes to become available after a change", new Fleetdeck.TeamOperator.Simulation.SimulatorOptions().StartupDelay);
        var noControllers = new Option<bool>("--no-controllers") { Description = "Serve the store and the APIs but reconcile nothing, so that `fleetdeck operator --kubeconfig <state-dir>/kubeconfig` can reconcile against this control plane as against a cluster" };
        var command = new Command("up", "Run the control plane on this machine (embedded store, controllers, APIs)")
        {
            stateDir, kubePort, apiPort, metricsPort, postgresUrl, apply, logLevel, prometheus, internalSecret, orgInfrastructure, orgDatabaseUrl, simulatedStartup, noControllers,
        };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            using var loggers = LoggerFactory.Create(logging => logging
                .SetMinimumLevel(parse.GetValue(logLevel))
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None) // start failures are reported as one line below
                .AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                }));
            var manifests = parse.GetValue(apply) ?? [];
            // Manifests are checked before anything starts: a typo should not leave a half-started control plane.
            var decoded = manifests.SelectMany(m => new ObjectDecoder(Modules.Kinds()).DecodeAll(ManifestLoader.Load(m))).ToList();

            var parts = modules(new ModuleSettings
            {
                Embedded = true,
                PostgresUrl = parse.GetValue(postgresUrl),
                Simulator = new() { StartupDelay = parse.GetValue(simulatedStartup).Value },
                Prometheus = parse.GetValue(prometheus),
                InternalSecret = parse.GetValue(internalSecret),
                OrgInfrastructure = parse.GetValue(orgInfrastructure)!,
                OrgDatabaseUrl = parse.GetValue(orgDatabaseUrl),
            });
            var runControllers = !parse.GetValue(noControllers);
            await using var host = await StartAsync(new ControlPlaneOptions
            {
                StateDirectory = parse.GetValue(stateDir)!,
                KubePort = parse.GetValue(kubePort),
                ApiPort = parse.GetValue(apiPort),
                MetricsPort = parse.GetValue(metricsPort),
                Modules = parts,
                RunControllers = runControllers,
                Loggers = loggers,
            }, ct);
            await host.WaitUntilReadyAsync(ct);

            var kubeconfig = Path.GetRelativePath(Environment.CurrentDirectory, host.State.Kubeconfig);
            await File.WriteAllTextAsync(host.State.File("api-url"), host.ApiAddress + "\n", ct);
            var mainDatabase = host.Modules.Find<ManagedPostgres>();
            var provisioning = host.Modules.Find<ProvisioningModule>();
            var postgresLine = mainDatabase is null ? "" : $"\n  PostgreSQL      {mainDatabase.DisplayUrl}  ({(mainDatabase.Managed ? $"managed, data in {Path.GetRelativePath(Environment.CurrentDirectory, mainDatabase.Cluster!.DataDirectory)}; password in {Path.GetRelativePath(Environment.CurrentDirectory, host.State.File("postgres-password"))}" : "--postgres-url")})";
            var secretLine = provisioning is null ? "" : $"\n  API secret      {Orgs.OrgProvisioning.SecretSource(provisioning)}";
            var controllersLine = runControllers ? "" : "\n  Controllers     off (--no-controllers): run fleetdeck operator against the kubeconfig";
            await context.Out.WriteLineAsync($"""
                Fleetdeck is up. State: {host.State.Path}
                  Kubernetes API  {host.Kube.BaseAddress}  (kubeconfig: {kubeconfig})
                  REST API        {host.ApiAddress}
                  Metrics         {host.MetricsAddress}metrics  (health: /healthz, /readyz){postgresLine}{secretLine}{controllersLine}
                In another terminal:
                  fleetdeck get namespaces                      # this directory's kubeconfig is found by default
                  KUBECONFIG={kubeconfig} kubectl get all -A
                Stop with Ctrl-C.
                """);

            var applier = new ManifestApplier(host.Store);
            foreach (var d in decoded)
            {
                foreach (var warning in d.Warnings) await context.Error.WriteLineAsync($"Warning: {d.Document.Start.Source}: {warning}");
                var result = await applier.ApplyAsync(d, "default", cancellationToken: ct);
                await context.Out.WriteLineAsync($"applied {d.Kind.Kind} {result.Namespace}{(result.Namespace is null ? "" : "/")}{result.Name}: {result.Action.ToString().ToLowerInvariant()}");
            }

            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                await context.Out.WriteLineAsync("Stopping...");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Starts the host; a missing or failing PostgreSQL becomes one clear line, not a stack trace.</summary>
    private static async Task<ControlPlaneHost> StartAsync(ControlPlaneOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await ControlPlaneHost.StartAsync(options, cancellationToken);
        }
        catch (Exception e) when (e is PostgresNotInstalledException or PostgresClusterException)
        {
            throw new CliException(e.Message);
        }
    }
}
