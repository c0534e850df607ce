using System.Security.Cryptography;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
using Fleetdeck.Server.Hosting;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Controllers;
using Fleetdeck.Provisioning.Credentials;
using Fleetdeck.Provisioning.Dashboard;
using Fleetdeck.Provisioning.Http;
using Fleetdeck.Provisioning.Infrastructure;
using Fleetdeck.Provisioning.Sites;

namespace Fleetdeck.Provisioning;

/// <summary>
/// Org provisioning as one part of the control plane: the <c>Org</c> and claim kinds, the Org controller, the credential
/// sweeper (a lifetime of its own), and the REST API and dashboard on the API port. One instance serves one control plane.
/// </summary>
public sealed class ProvisioningModule(ProvisioningSettings? settings = null) : IControlPlaneModule, IHostedModule, IApiModule
{
    private CancellationTokenSource _stop = new();
    private Task _sweeper = Task.CompletedTask;
    private Runtime? _runtime;

    public ProvisioningSettings Settings { get; set; } = settings ?? new ProvisioningSettings();

    public string Name => "org provisioning";

    /// <summary>Where the generated secret was written, when none was given; null otherwise.</summary>
    public string? GeneratedSecretFile { get; private set; }

    public IInfraProvisioner Infrastructure => Started.Infra;

    public CredentialSweeper Sweeper => Started.Sweeper;

    private Runtime Started => _runtime ?? throw new InvalidOperationException("org provisioning has not started");

    public void RegisterKinds(KindRegistry kinds) => ProvisioningKinds.AddTo(kinds);

    public void AddControllers(ControllerManager manager)
    {
        if (!ProvisioningSettings.Infrastructures.Contains(Settings.Infrastructure))
            throw new ArgumentException($"unknown infrastructure \"{Settings.Infrastructure}\" (known: {string.Join(", ", ProvisioningSettings.Infrastructures)})");
        var builder = manager.NewController("orgs")
            .For<Org>()
            .Owns<InfrastructureClaim>()
            .WithMaxConcurrency(Settings.Controller.MaxConcurrency);
        if (manager.Kinds.FindByKey(SiteStep.SiteKindKey) is { } site) builder.Owns(site);
        // Built when the controllers start, after StartAsync has the state directory and the runtime.
        builder.Complete(context => new OrgReconciler(context, Started.Infra, Started.Site, new DatabaseProbe(), Settings.Controller));
    }

    public Task StartAsync(ControlPlaneContext context, CancellationToken cancellationToken)
    {
        var logger = context.Loggers.CreateLogger("Fleetdeck.Provisioning");
        var applier = new ObjectApplier(context.Store);
        IInfraProvisioner infra = Settings.Infrastructure == "claims"
            ? new ClaimsInfraProvisioner(context.Store, applier)
            : new LocalInfraProvisioner(context.Store, applier, Settings.DatabaseServer, context.State.File("orgs"), logger);
        var site = Settings.SiteStep?.Invoke(context.Store, applier) ?? new SiteStep(context.Store, applier);

        var primary = Settings.InternalSecret;
        if (string.IsNullOrWhiteSpace(primary))
        {
            primary = context.State.ReadOrCreateSecret(ProvisioningSettings.SecretFileName, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            GeneratedSecretFile = context.State.File(ProvisioningSettings.SecretFileName);
        }
        var secrets = new InternalSecrets(primary, Settings.FallbackSecrets);
        var metrics = new ProvisioningMetrics(context.Metrics, context.Manager.Context.Cache, context.Store.Kinds);
        var broker = new CredentialBroker(infra, context.Time, Settings.Credentials, metrics: metrics);
        var sweeper = new CredentialSweeper(context.Store, infra, context.Time, Settings.Credentials, logger, metrics);
        _runtime = new Runtime(infra, site, secrets, broker, sweeper, new OrgService(context.Store, context.Time), logger);
        // One module may serve one control plane after another in a process (an in-process up, then another).
        _stop = new CancellationTokenSource();
        _sweeper = Task.Run(() => sweeper.RunAsync(_stop.Token), CancellationToken.None);
        logger.LogInformation("Org provisioning: {Infrastructure} infrastructure, {Secrets}", infra.Name, secrets);
        return Task.CompletedTask;
    }

    public void MapRoutes(IEndpointRouteBuilder routes, ControlPlaneContext context)
    {
        var runtime = Started;
        var sessions = new DashboardSession(runtime.Secrets, context.Time);
        new ProvisioningApi(context.Store, runtime.Orgs, runtime.Broker, runtime.Secrets, sessions, new DashboardData(context.Store, context.Time), runtime.Logger).Map(routes);
        new DashboardRoutes(runtime.Secrets, sessions).Map(routes);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sweeper.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed record Runtime(IInfraProvisioner Infra, IOrgSiteStep Site, InternalSecrets Secrets, CredentialBroker Broker, CredentialSweeper Sweeper, OrgService Orgs, ILogger Logger);
}
