using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Admission;

/// <summary>Checks of the types every kind shares.</summary>
internal static class CommonChecks
{
    public static void Secret(this FieldChecks checks, string path, SecretConfig? secret) =>
        checks.OneOf($"{path}.type", secret?.Type, Allowed.SecretTypes);

    public static void License(this FieldChecks checks, string path, LicenseSpec? license)
    {
        if (license is null) return;
        checks.OneOf($"{path}.type", license.Type, Allowed.LicenseTypes);
        if (license.Type == "KEY" && string.IsNullOrEmpty(license.Key))
            checks.Add(Core.Objects.FieldError.MissingRequired($"{path}.key"));
    }

    public static void Auth(this FieldChecks checks, string path, AuthSpec? auth)
    {
        if (auth is null) return;
        checks.OneOf($"{path}.type", auth.Type, Allowed.AuthTypes);
        if (!string.IsNullOrEmpty(auth.SamlIdPAttributeProfile) && auth.HasSamlAttributes)
            checks.Forbidden($"{path}.samlIdPAttributeProfile",
                "may not be set together with samlUsernameAttribute, samlFirstNameAttribute, samlLastNameAttribute or samlEmailAttribute: use the profile or the individual attributes");
        if (auth.Type == "oidc")
        {
            checks.Required($"{path}.clientId", auth.ClientId);
            checks.Required($"{path}.issuer", auth.Issuer);
        }
        if (auth.Type == "saml") checks.Required($"{path}.samlMetadataUrl", auth.SamlMetadataUrl);
    }

    public static void PullPolicy(this FieldChecks checks, string path, string? policy) =>
        checks.OneOf(path, policy, Allowed.PullPolicies);

    public static void Volume(this FieldChecks checks, string path, VolumeSpec? volume)
    {
        if (volume is null) return;
        if (volume.Size is { Length: > 0 } size && !Quantity.IsValid(size))
            checks.Add(new Core.Objects.FieldError($"{path}.size", $"Invalid value: \"{size}\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
        foreach (var (mode, i) in (volume.AccessModes ?? []).Select((m, i) => (m, i)))
            checks.OneOf($"{path}.accessModes[{i}]", mode, "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod");
        if (volume.Create != true && volume.MountPath is not null && string.IsNullOrEmpty(volume.PvcName))
            checks.Add(Core.Objects.FieldError.MissingRequired($"{path}.pvcName"));
    }

    public static void Replicas(this FieldChecks checks, string path, int? replicas) => checks.Minimum(path, replicas, 0);

    public static void ProductBase(this FieldChecks checks, ProductSpecBase spec)
    {
        checks.License("spec.license", spec.License);
        checks.Volume("spec.volume", spec.Volume);
        checks.OneOf("spec.secretType", spec.SecretType, Allowed.SecretTypes);
        checks.Secret("spec.secret", spec.Secret);
        checks.Secret("spec.workloadSecret", spec.WorkloadSecret);
        checks.Secret("spec.mainDatabaseCredentialSecret", spec.MainDatabaseCredentialSecret);
        checks.PullPolicy("spec.imagePullPolicy", spec.ImagePullPolicy);
        checks.Replicas("spec.replicas", spec.Replicas);
    }
}
