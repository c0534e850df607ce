using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Admission;

public sealed class ConnectAdmission : TypedAdmission<Connect>
{
    public override void Default(Connect obj)
    {
    }

    internal override void Validate(Connect obj, FieldChecks checks)
    {
        checks.ProductBase(obj.Spec);
        checks.Auth("spec.auth", obj.Spec.Auth);
        foreach (var (volume, i) in (obj.Spec.AdditionalVolumes ?? []).Select((v, i) => (v, i)))
            checks.Volume($"spec.additionalVolumes[{i}]", volume);
        if (obj.Spec.Config?.Saml is { } saml && !string.IsNullOrEmpty(saml.IdPAttributeProfile) &&
            (saml.UsernameAttribute ?? saml.FirstNameAttribute ?? saml.LastNameAttribute ?? saml.EmailAttribute) is not null)
            checks.Forbidden("spec.config.SAML.IdPAttributeProfile", "may not be set together with the individual SAML attributes");
    }
}

public sealed class WorkbenchAdmission : TypedAdmission<Workbench>
{
    public override void Default(Workbench obj)
    {
        if (obj.Spec.Config?.Ini?.Jupyter is { } jupyter) JupyterDefaults.Apply(jupyter);
    }

    internal override void Validate(Workbench obj, FieldChecks checks)
    {
        checks.ProductBase(obj.Spec);
        checks.Auth("spec.auth", obj.Spec.Auth);
        checks.MaxBytes("spec.authLoginPageHtml", obj.Spec.AuthLoginPageHtml, 64 * 1024);
        foreach (var (volume, i) in (obj.Spec.AdditionalVolumes ?? []).Select((v, i) => (v, i)))
            checks.Volume($"spec.additionalVolumes[{i}]", volume);
        if (obj.Spec.Config?.Ini?.Jupyter is { } jupyter)
            JupyterDefaults.Check(checks, "spec.config.workbench-ini-config.jupyter.conf", jupyter);
        checks.PullPolicy("spec.sessionConfig.pod.imagePullPolicy", obj.Spec.SessionConfig?.Pod?.ImagePullPolicy);
    }
}

public sealed class PackageManagerAdmission : TypedAdmission<PackageManager>
{
    public override void Default(PackageManager obj)
    {
    }

    internal override void Validate(PackageManager obj, FieldChecks checks)
    {
        checks.ProductBase(obj.Spec);
        SshKeyChecks.Check(checks, "spec.gitSSHKeys", obj.Spec.GitSshKeys);
        checks.Minimum("spec.azureFiles.shareSizeGiB", obj.Spec.AzureFiles?.ShareSizeGiB, 100);
    }
}

public sealed class ChronicleAdmission : TypedAdmission<Chronicle>
{
    public override void Default(Chronicle obj)
    {
    }

    internal override void Validate(Chronicle obj, FieldChecks checks)
    {
        foreach (var (name, i) in (obj.Spec.ImagePullSecrets ?? []).Select((n, i) => (n, i)))
            checks.Subdomain($"spec.imagePullSecrets[{i}]", name);
    }
}

public sealed class FlightdeckAdmission : TypedAdmission<Flightdeck>
{
    public override void Default(Flightdeck obj)
    {
        obj.Spec.Port ??= 8080;
        obj.Spec.Replicas ??= 1;
        obj.Spec.LogLevel ??= "info";
        obj.Spec.LogFormat ??= "text";
    }

    internal override void Validate(Flightdeck obj, FieldChecks checks)
    {
        checks.Range("spec.port", obj.Spec.Port, 1, 65535);
        checks.Replicas("spec.replicas", obj.Spec.Replicas);
        checks.PullPolicy("spec.imagePullPolicy", obj.Spec.ImagePullPolicy);
        checks.OneOf("spec.logLevel", obj.Spec.LogLevel, Allowed.FlightdeckLogLevels);
        checks.OneOf("spec.logFormat", obj.Spec.LogFormat, Allowed.FlightdeckLogFormats);
    }
}
