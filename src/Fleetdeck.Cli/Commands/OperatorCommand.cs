using System.CommandLine;
using Fleetdeck.Cli.Options;
using System.Net;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Modules;
using Fleetdeck.Kubernetes.Operator;
using Fleetdeck.Kubernetes.Store;

namespace Fleetdeck.Cli.Commands;

/// <summary>
/// <c>fleetdeck operator</c>: the controllers against a Kubernetes cluster (the kubeconfig's, or the pod's service account
/// in a pod), until Ctrl-C or SIGTERM; with <c>--leader-elect</c>, only the replica holding the Lease reconciles.
/// </summary>
internal static class OperatorCommand
{
    public static Command Create(Func<ModuleSettings, IReadOnlyList<IControlPlaneModule>> modules)
    {
        var defaults = new OperatorOptions();
        var context = new Option<string?>("--context") { Description = "The kubeconfig context (default: its current context)" };
        var watch = WatchNamespacesOption.Create("Namespaces to reconcile in; default: the whole cluster");
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Reconcile only while holding a Lease, so that replicas can run side by side" };
        var leaseNamespace = new Option<string>("--leader-election-namespace") { Description = "The Lease's namespace", DefaultValueFactory = _ => defaults.LeaseNamespace };
        var leaseName = new Option<string>("--leader-election-name") { Description = "The Lease's name", DefaultValueFactory = _ => defaults.LeaseName };
        var leaseDuration = DurationOption.Create("--lease-duration", "How long a Lease holds without renewal", defaults.LeaseDuration);
        var renewDeadline = DurationOption.Create("--renew-deadline", "How long the leader tries to renew before it stops reconciling", defaults.RenewDeadline);
        var retryPeriod = DurationOption.Create("--retry-period", "How often candidates try to take the Lease, and the leader renews it", defaults.RetryPeriod);
        var metricsPort = PortOption.Create("--metrics-port", "Port of /metrics, /healthz and /readyz", OperatorOptions.DefaultMetricsPort);
        var metricsAddress = new Option<string>("--metrics-address") { Description = "Address to serve metrics and health on", DefaultValueFactory = _ => "0.0.0.0" };
        var logLevel = ChoiceOption.Enum("--log-level", "How much to log", LogLevel.Information);
        var prometheus = UrlOption.Create("--prometheus-url", "Prometheus whose SLO alerts roll canaries back (default: $FLEETDECK_PROMETHEUS_URL)", "http://prometheus.monitoring:9090");
        var command = new Command("operator", "Run the controllers against a Kubernetes cluster")
        {
            context, watch, leaderElect, leaseNamespace, leaseName, leaseDuration, renewDeadline, retryPeriod, metricsPort, metricsAddress, logLevel, prometheus,
        };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async output =>
        {
            using var loggers = LoggerFactory.Create(logging => logging
                .SetMinimumLevel(parse.GetValue(logLevel))
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                }));
            var options = new OperatorOptions
            {
                Modules = modules(ModuleSettings.Operator with { Prometheus = parse.GetValue(prometheus) }),
                WatchNamespaces = WatchNamespacesOption.Parse(parse.GetValue(watch)),
                LeaderElect = parse.GetValue(leaderElect),
                LeaseNamespace = InstallCommand.CheckNamespace(parse.GetValue(leaseNamespace)!, "--leader-election-namespace"),
                LeaseName = parse.GetValue(leaseName)!,
                LeaseDuration = parse.GetValue(leaseDuration).Value,
                RenewDeadline = parse.GetValue(renewDeadline).Value,
                RetryPeriod = parse.GetValue(retryPeriod).Value,
                MetricsPort = parse.GetValue(metricsPort),
                MetricsAddress = IPAddress.TryParse(parse.GetValue(metricsAddress), out var address) ? address
                    : throw new CliException($"--metrics-address \"{parse.GetValue(metricsAddress)}\" is not an IP address"),
                Loggers = loggers,
            };
            if (options.LeaderElect && !(options.RetryPeriod < options.RenewDeadline && options.RenewDeadline < options.LeaseDuration))
                throw new CliException("leader election needs --retry-period < --renew-deadline < --lease-duration, so that a leader stops before its Lease can be taken");

            // Missing, unreadable or unusable kubeconfigs and unreachable servers all end here as one line.
            var connection = KubeConnection.Resolve(parse.GetValue(GlobalOptions.Kubeconfig), parse.GetValue(context));
            OperatorHost host;
            try
            {
                host = await OperatorHost.StartAsync(connection, options, ct);
            }
            catch (OperatorException e)
            {
                throw new CliException(e.Message);
            }
            await using (host)
            {
                await output.Out.WriteLineAsync($"Fleetdeck operator running against {connection.BaseUri} ({(options.LeaderElect ? $"leader election on {options.LeaseNamespace}/{options.LeaseName} as {options.Identity}" : "no leader election")}); metrics and health on {host.MetricsAddress}");
                try
                {
                    await host.Completion.WaitAsync(ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    await output.Out.WriteLineAsync("Stopping...");
                    return 0;
                }
                catch (OperatorException e)
                {
                    throw new CliException(e.Message);
                }
                catch (Exception e) when (e is not CliException)
                {
                    throw new CliException($"the operator stopped: {e.Message}");
                }
                throw new CliException("the operator stopped");
            }
        }));
        return command;
    }
}
