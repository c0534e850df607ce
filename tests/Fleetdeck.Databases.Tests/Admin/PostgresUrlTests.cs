using Fleetdeck.Databases.Admin;

namespace Fleetdeck.Databases.Tests.Admin;

public sealed class PostgresUrlTests
{
    [Fact]
    public void A_url_with_credentials_port_and_sslmode_parses_and_prints_without_its_password()
    {
        var url = PostgresUrl.Parse("postgres://admin:p%40ss%3Aword@db.internal:6432/postgres?sslmode=require");

        url.ShouldBe(url with { Host = "db.internal", Port = 6432, User = "admin", Password = "p@ss:word", Database = "postgres" });
        url.SslMode.ShouldBe("require");
        url.ToString().ShouldBe("postgres://admin@db.internal:6432/postgres?sslmode=require");
    }

    [Fact]
    public void The_default_port_is_5432_and_servers_compare_by_host_and_port()
    {
        var a = PostgresUrl.Parse("postgresql://role@DB.internal/app");
        a.Port.ShouldBe(5432);
        a.SameServer(PostgresUrl.Parse("postgres://other:x@db.internal:5432/postgres")).ShouldBeTrue();
        a.SameServer(PostgresUrl.Parse("postgres://other:x@db.internal:5433/postgres")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("http://u@h/d", "is not a postgres:// URL")]
    [InlineData("postgres://h/d", "has no user")]
    [InlineData("postgres://u@h", "has no database")]
    [InlineData("", "is not a postgres:// URL")]
    public void Bad_urls_say_what_is_missing(string text, string problem)
    {
        PostgresUrl.TryParse(text, out _, out var said).ShouldBeFalse();
        said.ShouldStartWith(problem);
    }
}
