using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Http;
using Fleetdeck.Provisioning.Infrastructure;

namespace Fleetdeck.Provisioning.Tests.Api;

public sealed class OrgValidationTests
{
    [Theory]
    [InlineData("acme", null)]
    [InlineData("a", null)]
    [InlineData("acme-corp-2", null)]
    [InlineData("12345678901234567890123456789012345", null)]
    [InlineData("", "must not be empty")]
    [InlineData("123456789012345678901234567890123456", "at most 35")]
    [InlineData("Acme", "DNS label")]
    [InlineData("acme_corp", "DNS label")]
    [InlineData("acme-", "DNS label")]
    [InlineData("-acme", "DNS label")]
    [InlineData("ac.me", "DNS label")]
    [InlineData("acmé", "DNS label")]
    public void An_org_id_is_a_short_dns_label(string id, string? problem)
    {
        var found = OrgValidation.CheckId(id);
        if (problem is null) found.ShouldBeNull();
        else found!.ShouldContain(problem);
    }

    [Fact]
    public void Every_problem_of_a_spec_is_reported_with_its_path()
    {
        var errors = OrgValidation.ValidateSpec(new OrgSpec { Domain = "bad domain", Products = ["connect", "nope", "connect"], Database = new OrgDatabaseSpec { SizeGi = 0 }, RetentionPolicy = "Keep" }, "spec.");
        errors.Select(e => e.Field).ShouldBe(["spec.domain", "spec.products[1]", "spec.products[2]", "spec.database.sizeGi", "spec.storage", "spec.retentionPolicy"]);
    }

    [Fact]
    public void Names_derived_from_the_longest_id_fit_postgres_and_dns()
    {
        var id = new string('a', OrgValidation.MaxIdLength);
        (ProvisioningGroup.DatabaseNameOf(id) + "_c_12345678").Length.ShouldBeLessThanOrEqualTo(63);
        ProvisioningGroup.NamespaceOf(id).Length.ShouldBeLessThanOrEqualTo(63);
        ProvisioningGroup.DatabaseNameOf("a-b").ShouldBe("org_a_b");
    }

    [Fact]
    public void Equal_requests_are_the_same_whatever_the_product_order_and_a_default_retention()
    {
        var a = new ProvisionRequest { Domain = "x.io", Products = ["workbench", "connect"], Database = new SizeRequest { SizeGi = 1 }, Storage = new SizeRequest { SizeGi = 2 } }.ToSpec();
        var b = new ProvisionRequest { Domain = "x.io", Products = ["connect", "workbench"], Database = new SizeRequest { SizeGi = 1 }, Storage = new SizeRequest { SizeGi = 2 }, RetentionPolicy = "Retain" }.ToSpec();
        OrgService.SameRequest(a, b).ShouldBeTrue();
        OrgService.SameRequest(a, new ProvisionRequest { Domain = "x.io", Products = ["connect"], Database = new SizeRequest { SizeGi = 1 }, Storage = new SizeRequest { SizeGi = 2 } }.ToSpec()).ShouldBeFalse();
    }
}

public sealed class InternalSecretsTests
{
    [Fact]
    public void The_primary_and_fallbacks_match_and_nothing_else_does()
    {
        var secrets = new InternalSecrets("new-secret", ["old-secret", "", "  "]);
        secrets.Count.ShouldBe(2);
        secrets.Matches("new-secret").ShouldBeTrue();
        secrets.Matches("old-secret").ShouldBeTrue();
        secrets.Matches("new-secre").ShouldBeFalse();
        secrets.Matches("new-secret ").ShouldBeFalse();
        secrets.Matches("").ShouldBeFalse();
        secrets.Matches(null).ShouldBeFalse();
        secrets.ToString().ShouldNotContain("secret-");
    }

    [Fact]
    public void An_empty_primary_is_refused() => Should.Throw<ArgumentException>(() => new InternalSecrets(" "));

    [Fact]
    public void A_dashboard_session_survives_a_rotation_to_a_fallback_and_expires()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var before = new Fleetdeck.Provisioning.Dashboard.DashboardSession(new InternalSecrets("old"), time).Issue();
        before.ShouldNotContain("old");
        var rotated = new Fleetdeck.Provisioning.Dashboard.DashboardSession(new InternalSecrets("new", ["old"]), time);
        rotated.IsValid(before).ShouldBeTrue();
        new Fleetdeck.Provisioning.Dashboard.DashboardSession(new InternalSecrets("new"), time).IsValid(before).ShouldBeFalse();
        rotated.IsValid(before.Replace(before[^1], before[^1] == 'a' ? 'b' : 'a')).ShouldBeFalse();
        rotated.IsValid("9999999999." + new string('0', 64)).ShouldBeFalse();
        rotated.IsValid("garbage").ShouldBeFalse();
        time.Advance(Fleetdeck.Provisioning.Dashboard.DashboardSession.Lifetime + TimeSpan.FromSeconds(1));
        rotated.IsValid(before).ShouldBeFalse();
    }
}

public sealed class SafeMessagesTests
{
    [Theory]
    [InlineData("cannot connect to postgres://admin:hunter2@db:5432/x", "hunter2")]
    [InlineData("Host=db;Password=hunter2;Username=u", "hunter2")]
    [InlineData("token: hunter2 rejected", "hunter2")]
    [InlineData("secret=hunter2", "hunter2")]
    public void Engine_messages_lose_what_looks_like_a_credential(string raw, string secret)
    {
        var clean = SafeMessages.Sanitize(raw);
        clean.ShouldNotContain(secret);
        clean.Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Long_messages_are_truncated() => SafeMessages.Sanitize(new string('x', 5000)).Length.ShouldBe(SafeMessages.MaxLength);

    [Fact]
    public void Database_errors_become_a_fixed_category()
    {
        SafeMessages.ForDatabaseError(new TimeoutException("Password=hunter2")).ShouldBe("the database did not answer in time");
        SafeMessages.ForDatabaseError(new InvalidOperationException("postgres://u:hunter2@h")).ShouldNotContain("hunter2");
    }

    [Fact]
    public void Urls_round_trip_with_escaped_credentials()
    {
        var parsed = PostgresUrl.Parse("postgres://us%40er:p%3Ass@db.local:6543/app?sslmode=require");
        parsed.Username.ShouldBe("us@er");
        parsed.Password.ShouldBe("p:ss");
        parsed.Port.ShouldBe(6543);
        parsed.Database.ShouldBe("app");
        PostgresUrl.ToUrl(parsed).ShouldBe("postgres://us%40er:p%3Ass@db.local:6543/app?sslmode=require");
        PostgresUrl.ToUrl(parsed, withPassword: false).ShouldNotContain("p%3Ass");
        PostgresUrl.Ident("a\"b").ShouldBe("\"a\"\"b\"");
        PostgresUrl.Literal("it's").ShouldBe("'it''s'");
    }
}
