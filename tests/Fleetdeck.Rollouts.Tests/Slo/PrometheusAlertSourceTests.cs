using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Fleetdeck.Rollouts.Slo;

namespace Fleetdeck.Rollouts.Tests.Slo;

public sealed class PrometheusAlertSourceTests
{
    [Fact]
    public async Task A_server_that_never_answers_fails_within_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var http = new HttpClient();
        var source = new PrometheusAlertSource(http, new Uri($"http://127.0.0.1:{port}/"), TimeProvider.System, TimeSpan.FromMilliseconds(500), TimeSpan.Zero);

        var started = DateTime.UtcNow;
        var e = await Should.ThrowAsync<AlertSourceException>(() => source.FiringAsync("web", false, CancellationToken.None));

        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(5));
        e.Message.ShouldContain("did not answer within 0.5s");
    }

    [Fact]
    public async Task Nothing_listening_is_an_error_not_an_empty_answer()
    {
        using var http = new HttpClient();
        var source = new PrometheusAlertSource(http, new Uri($"http://127.0.0.1:{PrometheusServer.FreePort()}/"), TimeProvider.System, TimeSpan.FromSeconds(2), TimeSpan.Zero);

        var e = await Should.ThrowAsync<AlertSourceException>(() => source.FiringAsync("web", false, CancellationToken.None));
        e.Message.ShouldContain("cannot query Prometheus");
    }

    [Fact]
    public async Task One_answer_serves_every_app_for_the_cache_ttl()
    {
        using var app = new TestApp("v1");
        await using var prometheus = await PrometheusServer.StartAsync(app.Address, "{\"groups\":[]}");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var http = new HttpClient();
        var source = new PrometheusAlertSource(http, prometheus.Address, clock, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

        (await source.FiringAsync("web", false, CancellationToken.None)).ShouldBeEmpty();
        (await source.FiringAsync("api", false, CancellationToken.None)).ShouldBeEmpty();
        source.Queries.ShouldBe(1);
        clock.Advance(TimeSpan.FromSeconds(11));
        await source.FiringAsync("web", false, CancellationToken.None);
        source.Queries.ShouldBe(2);
    }
}
