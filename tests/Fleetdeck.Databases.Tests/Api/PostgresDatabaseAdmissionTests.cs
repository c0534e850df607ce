using Fleetdeck.Core.Objects;
using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Databases.Tests.Api;

/// <summary>Admission as upstream's schema and name rules: one row per rule, each naming the field and what is wrong.</summary>
public sealed class PostgresDatabaseAdmissionTests
{
    private static PostgresDatabase Valid() => new()
    {
        Metadata = new() { Name = "site-connect", NamespaceProperty = "team" },
        Spec = new PostgresDatabaseSpec
        {
            Url = "postgres://site_connect@db.internal:5432/site_connect",
            SecretVault = "site-secrets",
            SecretPasswordKey = "pub-db-password",
            Secret = new SecretConfig { VaultName = "site-secrets", Type = "kubernetes" },
            Schemas = ["connect", "instrumentation"],
            Extensions = ["uuid-ossp"],
        },
    };

    private static IReadOnlyList<FieldError> Validate(Action<PostgresDatabaseSpec> change)
    {
        var db = Valid();
        change(db.Spec);
        var admission = new PostgresDatabaseAdmission();
        admission.Default(db);
        return admission.Validate(db, null);
    }

    [Fact]
    public void A_spec_as_the_team_operator_writes_it_is_admitted() => Validate(_ => { }).ShouldBeEmpty();

    [Theory]
    [InlineData(null, "spec.url", "Required value")]
    [InlineData("mysql://site_connect@db/site_connect", "spec.url", "postgres://role@host/database")]
    [InlineData("postgres://db.internal/site_connect", "spec.url", "postgres://role@host/database")]
    [InlineData("postgres://site_connect@db.internal", "spec.url", "postgres://role@host/database")]
    [InlineData("postgres://site_connect:hunter2@db.internal/site_connect", "spec.url", "must not contain a password")]
    [InlineData("postgres://Site@db.internal/site_connect", "spec.url", "role \"Site\" must match ^[a-z][a-z0-9_]{2,62}$")]
    [InlineData("postgres://ab@db.internal/site_connect", "spec.url", "role \"ab\" must match")]
    [InlineData("postgres://select@db.internal/site_connect", "spec.url", "role \"select\" is a reserved word")]
    [InlineData("postgres://user@db.internal/site_connect", "spec.url", "role \"user\" is a reserved word")]
    [InlineData("postgres://postgres@db.internal/site_connect", "spec.url", "reserved for the server's own roles")]
    [InlineData("postgres://pg_site@db.internal/site_connect", "spec.url", "pg_ prefix")]
    [InlineData("postgres://site_connect@db.internal/template1", "spec.url", "every server has")]
    [InlineData("postgres://site_connect@db.internal/table", "spec.url", "database \"table\" is a reserved word")]
    [InlineData("postgres://site_connect@db.internal/site-connect", "spec.url", "database \"site-connect\" must match")]
    public void Urls_are_checked_as_upstream(string? url, string field, string message)
    {
        var errors = Validate(s => s.Url = url);
        errors.ShouldContain(e => e.Field == field && e.Message.Contains(message), string.Join("; ", errors));
        if (url?.Contains("hunter2") == true) errors.ShouldAllBe(e => !e.Message.Contains("hunter2"));
    }

    [Theory]
    [InlineData("spec.secretPasswordKey")]
    [InlineData("spec.secretVault")]
    public void The_password_secret_must_be_named(string field)
    {
        var errors = Validate(s =>
        {
            if (field == "spec.secretPasswordKey") s.SecretPasswordKey = null;
            else { s.SecretVault = null; s.Secret = null; }
        });
        errors.ShouldContain(e => e.Field == field && e.Reason == FieldError.Required);
    }

    [Fact]
    public void Secret_types_are_those_upstream_knows()
    {
        var errors = Validate(s => s.WorkloadSecret = new SecretConfig { VaultName = "w", Type = "vault" });
        errors.ShouldHaveSingleItem().ToString().ShouldBe("spec.workloadSecret.type: Unsupported value: \"vault\": supported values: \"kubernetes\", \"aws\", \"test\"");
    }

    [Theory]
    [InlineData("Connect", "spec.schemas[0]", "must match")]
    [InlineData("pg_temp", "spec.schemas[0]", "reserved for system schemas")]
    [InlineData("information_schema", "spec.schemas[0]", "system schema")]
    public void Schema_names_are_ones_postgres_accepts(string schema, string field, string message) =>
        Validate(s => s.Schemas = [schema]).ShouldContain(e => e.Field == field && e.Message.Contains(message));

    [Fact]
    public void A_repeated_schema_is_a_duplicate() =>
        Validate(s => s.Schemas = ["pm", "metrics", "pm"]).ShouldHaveSingleItem().Field.ShouldBe("spec.schemas[2]");

    [Fact]
    public void Whitespace_around_names_is_trimmed_by_defaulting()
    {
        var db = Valid();
        db.Spec.Schemas = [" connect "];
        db.Spec.Url = " postgres://site_connect@db.internal/site_connect\n";
        new PostgresDatabaseAdmission().Default(db);
        db.Spec.Schemas.ShouldBe(["connect"]);
        db.Spec.Url.ShouldBe("postgres://site_connect@db.internal/site_connect");
    }

    [Fact]
    public void The_kind_is_served_with_upstreams_short_name_and_a_ready_column()
    {
        PostgresDatabase.Definition.ShortNames.ShouldBe(["pgdb"]);
        PostgresDatabase.Definition.Plural.ShouldBe("postgresdatabases");
        PostgresDatabase.Definition.ApiVersion.ShouldBe("core.posit.team/v1beta1");
        PostgresDatabase.Definition.PrinterColumns.Select(c => c.Name).ShouldBe(["URL", "Ready", "Reason"]);
    }
}
