using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Admission;

/// <summary>Site defaults (as upstream's CRD schema) and validation: required domain, enumerations, ranges, exclusive fields.</summary>
public sealed class SiteAdmission : TypedAdmission<Site>
{
    public override void Default(Site site)
    {
        var spec = site.Spec;
        spec.NetworkTrust ??= 100;
        spec.EnableFqdnHealthChecks ??= true;
        if (spec.Flightdeck is { } flightdeck)
        {
            flightdeck.LogLevel ??= "info";
            flightdeck.LogFormat ??= "text";
        }
        if (spec.PackageManager is { } pm) pm.DomainPrefix ??= "packagemanager";
        if (spec.Connect is { } connect)
        {
            connect.DomainPrefix ??= "connect";
            connect.ScheduleConcurrency ??= 2;
        }
        if (spec.Workbench is { } workbench)
        {
            workbench.DomainPrefix ??= "workbench";
            if (workbench.VsCodeConfig is { } vscode) vscode.SessionTimeoutKillHours ??= 1;
            if (workbench.ExperimentalFeatures is { } features)
            {
                features.CpuRequestRatio ??= "0.6";
                features.MemoryRequestRatio ??= "0.8";
            }
            if (workbench.JupyterConfig is { } jupyter) JupyterDefaults.Apply(jupyter);
        }
    }

    internal override void Validate(Site site, FieldChecks checks)
    {
        var spec = site.Spec;
        checks.Required("spec.domain", spec.Domain);
        checks.Subdomain("spec.domain", spec.Domain);
        checks.OneOf("spec.secretType", spec.SecretType, Allowed.SecretTypes);
        checks.Secret("spec.secret", spec.Secret);
        checks.Secret("spec.workloadSecret", spec.WorkloadSecret);
        checks.Secret("spec.mainDatabaseCredentialSecret", spec.MainDatabaseCredentialSecret);
        checks.OneOf("spec.volumeSource.type", spec.VolumeSource?.Type, Allowed.VolumeSourceTypes);
        if (spec.VolumeSource?.Type is "fsx-zfs" or "nfs" or "azure-netapp")
        {
            checks.Required("spec.volumeSource.volumeId", spec.VolumeSource.VolumeId);
            if (spec.VolumeSource.Type is "fsx-zfs" or "nfs") checks.Required("spec.volumeSource.dnsName", spec.VolumeSource.DnsName);
        }
        if (spec.SharedDirectory is { } shared && (shared.Contains('/') || shared.Length == 0))
            checks.Add(new Core.Objects.FieldError("spec.sharedDirectory", $"Invalid value: \"{shared}\": must be one directory name, without slashes"));
        checks.OneOf("spec.logFormat", spec.LogFormat, Allowed.SiteLogFormats);
        checks.Range("spec.networkTrust", spec.NetworkTrust, 0, 100);
        checks.Subdomain("spec.sessionNamespace", spec.SessionNamespace);
        foreach (var (account, i) in (spec.ExtraSiteServiceAccounts ?? []).Select((a, i) => (a, i)))
        {
            checks.Required($"spec.extraSiteServiceAccounts[{i}].nameSuffix", account.NameSuffix);
            checks.Label($"spec.extraSiteServiceAccounts[{i}].nameSuffix", account.NameSuffix);
        }
        foreach (var (name, i) in (spec.ImagePullSecrets ?? []).Select((n, i) => (n, i)))
            checks.Subdomain($"spec.imagePullSecrets[{i}]", name);

        if (spec.Flightdeck is { } fd)
        {
            checks.PullPolicy("spec.flightdeck.imagePullPolicy", fd.ImagePullPolicy);
            checks.Replicas("spec.flightdeck.replicas", fd.Replicas);
            checks.OneOf("spec.flightdeck.logLevel", fd.LogLevel, Allowed.FlightdeckLogLevels);
            checks.OneOf("spec.flightdeck.logFormat", fd.LogFormat, Allowed.FlightdeckLogFormats);
        }
        if (spec.PackageManager is { } pm)
        {
            checks.License("spec.packageManager.license", pm.License);
            checks.Volume("spec.packageManager.volume", pm.Volume);
            checks.PullPolicy("spec.packageManager.imagePullPolicy", pm.ImagePullPolicy);
            checks.Replicas("spec.packageManager.replicas", pm.Replicas);
            checks.Label("spec.packageManager.domainPrefix", pm.DomainPrefix);
            SshKeyChecks.Check(checks, "spec.packageManager.gitSSHKeys", pm.GitSshKeys);
            checks.Minimum("spec.packageManager.azureFiles.shareSizeGiB", pm.AzureFiles?.ShareSizeGiB, 100);
        }
        if (spec.Connect is { } connect)
        {
            checks.License("spec.connect.license", connect.License);
            checks.Volume("spec.connect.volume", connect.Volume);
            checks.Auth("spec.connect.auth", connect.Auth);
            checks.PullPolicy("spec.connect.imagePullPolicy", connect.ImagePullPolicy);
            checks.Replicas("spec.connect.replicas", connect.Replicas);
            checks.Label("spec.connect.domainPrefix", connect.DomainPrefix);
            checks.Minimum("spec.connect.scheduleConcurrency", connect.ScheduleConcurrency, 0);
            checks.PullPolicy("spec.connect.experimentalFeatures.sessionImagePullPolicy", connect.ExperimentalFeatures?.SessionImagePullPolicy);
        }
        if (spec.Workbench is { } wb)
        {
            checks.License("spec.workbench.license", wb.License);
            checks.Volume("spec.workbench.volume", wb.Volume);
            foreach (var (volume, i) in (wb.AdditionalVolumes ?? []).Select((v, i) => (v, i)))
                checks.Volume($"spec.workbench.additionalVolumes[{i}]", volume);
            checks.Auth("spec.workbench.auth", wb.Auth);
            checks.PullPolicy("spec.workbench.imagePullPolicy", wb.ImagePullPolicy);
            checks.Replicas("spec.workbench.replicas", wb.Replicas);
            checks.Label("spec.workbench.domainPrefix", wb.DomainPrefix);
            checks.MaxBytes("spec.workbench.authLoginPageHtml", wb.AuthLoginPageHtml, 64 * 1024);
            if (wb.JupyterConfig is { } jupyter) JupyterDefaults.Check(checks, "spec.workbench.jupyterConfig", jupyter);
            if (wb.ExperimentalFeatures is { } features)
            {
                checks.Pattern("spec.workbench.experimentalFeatures.cpuRequestRatio", features.CpuRequestRatio, FieldChecks.Ratio(), "^(0(\\.[0-9]+)?|1(\\.0+)?)$");
                checks.Pattern("spec.workbench.experimentalFeatures.memoryRequestRatio", features.MemoryRequestRatio, FieldChecks.Ratio(), "^(0(\\.[0-9]+)?|1(\\.0+)?)$");
                checks.OneOf("spec.workbench.experimentalFeatures.sessionSaveActionDefault", features.SessionSaveActionDefault, Allowed.SessionSaveActions);
                checks.PullPolicy("spec.workbench.experimentalFeatures.sessionImagePullPolicy", features.SessionImagePullPolicy);
                checks.Minimum("spec.workbench.experimentalFeatures.wwwThreadPoolSize", features.WwwThreadPoolSize, 1);
                checks.Minimum("spec.workbench.experimentalFeatures.launcherSessionsProxyTimeoutSecs", features.LauncherSessionsProxyTimeoutSecs, 1);
            }
        }
        if (spec.Chronicle is { } chronicle) checks.PullPolicy("spec.chronicle.imagePullPolicy", chronicle.ImagePullPolicy);
        if (spec.Keycloak is { } keycloak) checks.PullPolicy("spec.keycloak.imagePullPolicy", keycloak.ImagePullPolicy);
    }
}
