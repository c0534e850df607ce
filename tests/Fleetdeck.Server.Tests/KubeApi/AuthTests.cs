using System.Net;
using Fleetdeck.Server.KubeApi;

namespace Fleetdeck.Server.Tests.KubeApi;

public sealed class TokenOverHttpFixture : KubeApiFixture
{
    protected override KubeApiServerOptions Options => new() { BearerToken = AuthTests.Token };
}

public sealed class TokenOverHttpsFixture : KubeApiFixture
{
    protected override KubeApiServerOptions Options => new() { BearerToken = AuthTests.Token, UseHttps = true };
}

public sealed class AuthTests(TokenOverHttpFixture http, TokenOverHttpsFixture https) : IClassFixture<TokenOverHttpFixture>, IClassFixture<TokenOverHttpsFixture>
{
    public const string Token = "fleetdeck-test-token";

    [Fact]
    public async Task Requests_without_the_token_are_unauthorized()
    {
        var status = (await http.Api.GetAsync("/api/v1")).ShouldBeStatus(401, "Unauthorized");

        status["message"]!.GetValue<string>().ShouldBe("Unauthorized");
        (await http.Api.SendAsync(HttpMethod.Get, "/api/v1", token: "wrong")).ShouldBeStatus(401, "Unauthorized");
        (await http.Api.SendAsync(HttpMethod.Get, "/api/v1", token: Token + "x")).ShouldBeStatus(401, "Unauthorized");
        (await http.Api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/x/configmaps/y", token: "wrong")).ShouldBeStatus(401, "Unauthorized");
    }

    [Fact]
    public async Task Requests_with_the_token_are_served()
    {
        (await http.Api.SendAsync(HttpMethod.Get, "/api/v1", token: Token)).Status.ShouldBe(HttpStatusCode.OK);
        (await https.Api.SendAsync(HttpMethod.Get, "/apis", token: Token)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_needs_no_token()
    {
        (await http.Api.GetAsync("/healthz")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Kubectl_sends_no_credentials_over_plain_http()
    {
        // client-go reads the user's credentials from a kubeconfig only for TLS servers: this is why tokens need UseHttps.
        var kubectl = http.Kubectl(Token);

        var result = await kubectl.RunAsync("get", "configmaps", "-n", "default");

        result.ExitCode.ShouldNotBe(0, result.ToString());
        result.Stderr.ShouldContain("the server has asked for the client to provide credentials");
    }

    [Fact]
    public async Task Kubectl_sends_the_token_over_https_and_trusts_the_embedded_certificate()
    {
        https.Server.BaseAddress.Scheme.ShouldBe("https");
        var ns = KubeApiFixture.NewNamespace();
        await https.Api.SendAsync(HttpMethod.Post, Manifests.Widgets(ns), Manifests.Widget(ns, "secure"), token: Token);

        (await https.Kubectl(Token).RunAsync("get", "widgets", "-n", ns, "-o", "name")).ShouldSucceed().Stdout.Trim().ShouldBe("widget.test.fleetdeck.dev/secure");

        var wrong = await https.Kubectl("not-the-token", "wrong-kubeconfig").RunAsync("get", "widgets", "-n", ns);
        wrong.ExitCode.ShouldNotBe(0);
        wrong.Stderr.ShouldContain("You must be logged in to the server");
    }
}
