using System.Security.Cryptography;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Modules;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Runtime;
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
/// sweeper (beside the controllers, so only a leader sweeps), and the REST API and dashboard on the API port. One
/// instance serves one control plane at a time.
/// </summary>
public sealed class ProvisioningModule(ProvisioningSettings? settings = null) : IControlPlaneModule
{
    private Runtime? _runtime;
    private ProvisioningMetrics? _metrics;

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
        // Built when the controllers start, like the reconciler: the sweeper drops expired credentials, a write only a leader makes.
        manager.AddRunnable("credential-sweeper", cancellationToken => Started.Sweeper.RunAsync(cancellationToken));
        _metrics?.Count(manager);
    }

    public Task StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var logger = context.Loggers.CreateLogger("Fleetdeck.Provisioning");
        var applier = new ObjectApplier(context.Store);
        IInfraProvisioner infra = Settings.Infrastructure == "claims"
            ? new ClaimsInfraProvisioner(context.Store, applier)
            : new LocalInfraProvisioner(context.Store, applier, Settings.DatabaseServer, context.RequireState("org provisioning's local infrastructure").File("orgs"), logger);
        var site = Settings.SiteStep?.Invoke(context.Store, applier) ?? new SiteStep(context.Store, applier);

        _metrics = new ProvisioningMetrics(context.Metrics, context.Store.Kinds);
        var broker = new CredentialBroker(infra, context.Time, Settings.Credentials, metrics: _metrics);
        var sweeper = new CredentialSweeper(context.Store, infra, context.Time, Settings.Credentials, logger, _metrics);
        // A secret is needed only by the REST API, which only a host with a state directory serves (fleetdeck up).
        var secrets = context.State is null && string.IsNullOrWhiteSpace(Settings.InternalSecret) ? null : Secrets(context.State);
        _runtime = new Runtime(context, infra, site, secrets, broker, sweeper, new OrgService(context.Store, context.Time), logger);
        logger.LogInformation("Org provisioning: {Infrastructure} infrastructure{Secrets}", infra.Name, secrets is null ? "" : $", {secrets}");
        return Task.CompletedTask;
    }

    private InternalSecrets Secrets(StateDirectory? state)
    {
        var primary = Settings.InternalSecret;
        if (string.IsNullOrWhiteSpace(primary))
        {
            primary = state!.ReadOrCreateSecret(ProvisioningSettings.SecretFileName, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            GeneratedSecretFile = state.File(ProvisioningSettings.SecretFileName);
        }
        return new InternalSecrets(primary, Settings.FallbackSecrets);
    }

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        var runtime = Started;
        var context = runtime.Context;
        var sessions = new DashboardSession(runtime.Secrets, context.Time);
        new ProvisioningApi(context.Store, runtime.Orgs, runtime.Broker, runtime.Secrets, sessions, new DashboardData(context.Store, context.Time), runtime.Logger).Map(routes);
        new DashboardRoutes(runtime.Secrets, sessions).Map(routes);
    }

    private sealed record Runtime(ModuleContext Context, IInfraProvisioner Infra, IOrgSiteStep Site, InternalSecrets? KnownSecrets, CredentialBroker Broker, CredentialSweeper Sweeper, OrgService Orgs, ILogger Logger)
    {
        public InternalSecrets Secrets => KnownSecrets ?? throw new InvalidOperationException("org provisioning's REST API needs a secret: give one, or run it with a state directory");
    }
}
