using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Serialization;
using Fleetdeck.Core.Store;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.TeamOperator.Tests.Admission;

/// <summary>Bad Sites are refused on write with the field path and, for enumerations, the allowed values; defaults are upstream's.</summary>
public sealed class SiteAdmissionTests : IAsyncLifetime
{
    private readonly TestStore _store = new(kinds: TeamTestKinds.Registry());

    public async Task InitializeAsync() =>
        await _store.Store.CreateAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = "posit-team" } });

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<InvalidObjectException> RefusedAsync(string yaml)
    {
        var decoded = new ObjectDecoder(_store.Store.Kinds).Decode(YamlReader.Read(yaml, "test.yaml").Single());
        return await Should.ThrowAsync<InvalidObjectException>(() => _store.Store.CreateAsync(decoded.Object));
    }

    private const string Head = "apiVersion: core.posit.team/v1beta1\nkind: Site\nmetadata: {name: s, namespace: posit-team}\n";

    [Fact]
    public async Task A_site_without_a_domain_is_refused()
    {
        var refused = await RefusedAsync(Head + "spec: {}\n");

        refused.Code.ShouldBe(422);
        refused.Causes.ShouldContain(new FieldError("spec.domain", "Required value", FieldError.Required));
    }

    [Fact]
    public async Task An_unknown_volume_source_type_is_refused_with_the_allowed_values()
    {
        var refused = await RefusedAsync(Head + "spec:\n  domain: a.example.com\n  volumeSource: {type: efs, volumeId: v, dnsName: d}\n");

        var cause = refused.Causes.ShouldHaveSingleItem();
        cause.Field.ShouldBe("spec.volumeSource.type");
        cause.Message.ShouldBe("Unsupported value: \"efs\": supported values: \"\", \"fsx-zfs\", \"nfs\", \"azure-netapp\"");
        cause.Reason.ShouldBe(FieldError.NotSupported);
    }

    [Theory]
    [InlineData("  secret: {type: vault}\n", "spec.secret.type", "\"kubernetes\", \"aws\", \"test\"")]
    [InlineData("  connect: {auth: {type: ldap}}\n", "spec.connect.auth.type", "\"password\", \"oidc\", \"saml\"")]
    [InlineData("  logFormat: yaml\n", "spec.logFormat", "\"JSON\"")]
    [InlineData("  flightdeck: {logLevel: verbose}\n", "spec.flightdeck.logLevel", "\"debug\", \"info\", \"warn\", \"error\"")]
    [InlineData("  workbench: {imagePullPolicy: Sometimes}\n", "spec.workbench.imagePullPolicy", "\"Always\", \"IfNotPresent\", \"Never\"")]
    [InlineData("  packageManager: {license: {type: PAPER}}\n", "spec.packageManager.license.type", "\"KEY\", \"FILE\"")]
    [InlineData("  workbench: {experimentalFeatures: {sessionSaveActionDefault: maybe}}\n", "spec.workbench.experimentalFeatures.sessionSaveActionDefault", "\"no\", \"ask\", \"yes\"")]
    public async Task A_bad_enumeration_is_refused_with_the_field_and_the_allowed_values(string field, string path, string allowed)
    {
        var refused = await RefusedAsync(Head + "spec:\n  domain: a.example.com\n" + field);

        var cause = refused.Causes.ShouldHaveSingleItem();
        cause.Field.ShouldBe(path);
        cause.Message.ShouldContain(allowed);
    }

    [Fact]
    public async Task A_saml_profile_and_individual_attributes_together_are_refused()
    {
        var refused = await RefusedAsync(Head + """
            spec:
              domain: a.example.com
              connect:
                auth: {type: saml, samlMetadataUrl: "https://idp/metadata", samlIdPAttributeProfile: azure, samlEmailAttribute: mail}
            """);

        var cause = refused.Causes.ShouldHaveSingleItem();
        cause.Field.ShouldBe("spec.connect.auth.samlIdPAttributeProfile");
        cause.Message.ShouldStartWith("Forbidden: may not be set together with samlUsernameAttribute");
    }

    [Theory]
    [InlineData("  networkTrust: 101\n", "spec.networkTrust", "should be less than or equal to 100")]
    [InlineData("  networkTrust: -1\n", "spec.networkTrust", "should be greater than or equal to 0")]
    [InlineData("  connect: {scheduleConcurrency: -2}\n", "spec.connect.scheduleConcurrency", "greater than or equal to 0")]
    [InlineData("  sharedDirectory: a/b\n", "spec.sharedDirectory", "without slashes")]
    [InlineData("  workbench: {experimentalFeatures: {cpuRequestRatio: \"1.5\"}}\n", "spec.workbench.experimentalFeatures.cpuRequestRatio", "should match")]
    [InlineData("  extraSiteServiceAccounts: [{annotations: {a: b}}]\n", "spec.extraSiteServiceAccounts[0].nameSuffix", "Required value")]
    [InlineData("  packageManager: {license: {type: KEY}}\n", "spec.packageManager.license.key", "Required value")]
    [InlineData("  connect: {auth: {type: oidc, issuer: \"https://i\"}}\n", "spec.connect.auth.clientId", "Required value")]
    [InlineData("  packageManager: {gitSSHKeys: [{name: gh, host: github.com, secretRef: {source: vault, name: x}}]}\n", "spec.packageManager.gitSSHKeys[0].secretRef.source", "\"aws-secrets-manager\", \"kubernetes\", \"azure-key-vault\"")]
    public async Task Out_of_range_and_malformed_values_are_refused_with_their_path(string field, string path, string message)
    {
        var refused = await RefusedAsync(Head + "spec:\n  domain: a.example.com\n" + field);

        refused.Causes.ShouldContain(c => c.Field == path && c.Message.Contains(message), $"causes: {string.Join("; ", refused.Causes)}");
    }

    [Fact]
    public async Task Several_problems_are_reported_at_once()
    {
        var refused = await RefusedAsync(Head + "spec:\n  networkTrust: 500\n  volumeSource: {type: s3}\n");

        refused.Causes.Select(c => c.Field).ShouldBe(["spec.domain", "spec.volumeSource.type", "spec.networkTrust"], ignoreOrder: true);
    }

    [Fact]
    public async Task Defaults_are_upstreams()
    {
        var decoded = new ObjectDecoder(_store.Store.Kinds).Decode(YamlReader.Read(Head + "spec:\n  domain: a.example.com\n  connect: {}\n  workbench: {experimentalFeatures: {}, jupyterConfig: {}}\n  flightdeck: {}\n", "t.yaml").Single());

        var site = await _store.Store.CreateAsync((Site)decoded.Object);

        site.Spec.NetworkTrust.ShouldBe(100);
        site.Spec.EnableFqdnHealthChecks.ShouldBe(true);
        site.Spec.Connect!.DomainPrefix.ShouldBe("connect");
        site.Spec.Connect.ScheduleConcurrency.ShouldBe(2);
        site.Spec.Workbench!.DomainPrefix.ShouldBe("workbench");
        site.Spec.Workbench.ExperimentalFeatures!.CpuRequestRatio.ShouldBe("0.6");
        site.Spec.Workbench.ExperimentalFeatures.MemoryRequestRatio.ShouldBe("0.8");
        site.Spec.Workbench.JupyterConfig!.NotebooksEnabled.ShouldBe(0);
        site.Spec.Workbench.JupyterConfig.LabsEnabled.ShouldBe(1);
        site.Spec.Flightdeck!.LogLevel.ShouldBe("info");
        site.Spec.Flightdeck.LogFormat.ShouldBe("text");
        site.Spec.PackageManager.ShouldBeNull("as with a CRD schema, defaults fill in objects that are present");
    }

    [Fact]
    public void Unknown_fields_are_warnings_not_silently_dropped()
    {
        var decoded = new ObjectDecoder(_store.Store.Kinds).Decode(YamlReader.Read(Head + "spec:\n  domain: a.example.com\n  colour: blue\n  connect: {replica: 2}\n", "t.yaml").Single());

        decoded.Warnings.ShouldBe(["unknown field \"spec.colour\"", "unknown field \"spec.connect.replica\""], ignoreOrder: true);
    }

    [Fact]
    public async Task Products_and_flightdeck_are_validated_and_defaulted_too()
    {
        var decoded = new ObjectDecoder(_store.Store.Kinds).Decode(YamlReader.Read(
            "apiVersion: core.posit.team/v1beta1\nkind: Flightdeck\nmetadata: {name: f, namespace: posit-team}\nspec: {siteName: s}\n", "t.yaml").Single());
        var flightdeck = await _store.Store.CreateAsync((Flightdeck)decoded.Object);
        flightdeck.Spec.Port.ShouldBe(8080);
        flightdeck.Spec.Replicas.ShouldBe(1);

        var bad = new ObjectDecoder(_store.Store.Kinds).Decode(YamlReader.Read(
            "apiVersion: core.posit.team/v1beta1\nkind: Connect\nmetadata: {name: c, namespace: posit-team}\nspec: {secret: {type: gcp}, auth: {type: saml, samlMetadataUrl: u, samlIdPAttributeProfile: p, samlUsernameAttribute: nameid}}\n", "t.yaml").Single());
        var refused = await Should.ThrowAsync<InvalidObjectException>(() => _store.Store.CreateAsync(bad.Object));
        refused.Causes.Select(c => c.Field).ShouldBe(["spec.secret.type", "spec.auth.samlIdPAttributeProfile"], ignoreOrder: true);
    }
}
