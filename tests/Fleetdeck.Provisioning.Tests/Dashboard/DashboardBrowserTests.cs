using System.Net;
using System.Text.Json;
using k8s.Models;
using Microsoft.Playwright;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Dashboard;
using Fleetdeck.Provisioning.Tests.Support;
using Fleetdeck.Rollouts.Api;

using Fleetdeck.TeamOperator.Api;

namespace Fleetdeck.Provisioning.Tests.Dashboard;

/// <summary>
/// The dashboard in Debian's headless Chromium, driven by Playwright with the system executable (no browser download):
/// login into a secure http-only cookie, orgs with state, Sites with product readiness, rollouts with weights, refresh
/// by itself. A screenshot is kept as a test artifact.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private ProvisioningHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        File.Exists(Chromium).ShouldBeTrue("scripts/setup installs Debian's chromium");
        _host = await ProvisioningHost.StartAsync(adminUrl: null, sites: SiteParts.KindsOnly);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        // Playwright gives every launch a fresh, temporary --user-data-dir of its own (it refuses one passed as an argument).
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_login_shows_orgs_sites_and_rollouts_and_the_page_refreshes_by_itself()
    {
        (await _host.ProvisionAsync("acme")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await SeedSiteAndRolloutAsync();

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        // Chromium is a child process: its waits end on what the page shows, bounded like any silent child, not by a guess.
        page.SetDefaultTimeout((float)ChildProcess.Quiet.TotalMilliseconds);
        var baseUrl = _host.Host.ApiAddress.ToString().TrimEnd('/');

        await page.GotoAsync(baseUrl + "/");
        page.Url.ShouldEndWith("/login");

        await page.FillAsync("#secret", "not-the-secret");
        var refused = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.EndsWith("/login", StringComparison.Ordinal) && r.Request.Method == "POST");
        refused.Status.ShouldBe(401);
        (await page.TextContentAsync("#login-error"))!.ShouldContain("not the internal secret");
        (await context.CookiesAsync()).ShouldBeEmpty();

        await page.FillAsync("#secret", ProvisioningHost.Secret);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("tr[data-org=acme]");
        page.Url.ShouldBe(baseUrl + "/");

        var cookie = (await context.CookiesAsync()).Single();
        cookie.Name.ShouldBe(DashboardSession.CookieName);
        cookie.HttpOnly.ShouldBeTrue();
        cookie.Secure.ShouldBeTrue();
        cookie.SameSite.ShouldBe(SameSiteAttribute.Strict);
        cookie.Value.ShouldNotContain(ProvisioningHost.Secret);
        (await page.EvaluateAsync<string>("document.cookie")).ShouldNotContain(DashboardSession.CookieName);

        (await page.TextContentAsync("tr[data-org=acme] td.state"))!.ShouldBe("provisioning");
        (await page.TextContentAsync("tr[data-site='org-acme/acme']"))!.ShouldContain("Connect ready");
        (await page.TextContentAsync("tr[data-site='org-acme/acme']"))!.ShouldContain("acme.example.com");
        (await page.TextContentAsync("tr[data-rollout=connect-prod]"))!.ShouldContain("2026.03.1 canarying 10%");
        (await page.TextContentAsync("tr[data-rollout=connect-prod]"))!.ShouldContain("2026.02.0 released 90%");

        // A new org and a changed weight appear without a reload.
        var refreshes = int.Parse((await page.GetAttributeAsync("body", "data-refreshed"))!, System.Globalization.CultureInfo.InvariantCulture);
        (await _host.ProvisionAsync("globex", ProvisioningHost.Body("globex.example.com"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await page.WaitForSelectorAsync("tr[data-org=globex]");
        int.Parse((await page.GetAttributeAsync("body", "data-refreshed"))!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(refreshes);

        var artifact = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(artifact)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = artifact, FullPage = true });
        new FileInfo(artifact).Length.ShouldBeGreaterThan(10_000);

        // Logging out drops the cookie, and the page goes back to the login.
        await page.ClickAsync("header button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/login");
        (await context.CookiesAsync()).ShouldBeEmpty();
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_session_cookie_reads_but_cannot_write()
    {
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = _host.Host.ApiAddress };
        using var login = await client.PostAsync("login", new FormUrlEncodedContent([new("secret", ProvisioningHost.OldSecret)]));
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single();
        setCookie.ShouldContain("secure", Case.Insensitive);
        setCookie.ShouldContain("httponly", Case.Insensitive);
        setCookie.ShouldContain("samesite=strict", Case.Insensitive);
        var session = setCookie.Split(';')[0];

        using var read = new HttpRequestMessage(HttpMethod.Get, "api/v1/dashboard");
        read.Headers.Add("Cookie", session);
        (await client.SendAsync(read)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var write = new HttpRequestMessage(HttpMethod.Post, "api/v1/orgs/evil/provision") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        write.Headers.Add("Cookie", session);
        (await client.SendAsync(write)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "api/v1/dashboard");
        forged.Headers.Add("Cookie", $"{DashboardSession.CookieName}=9999999999.{new string('a', 64)}");
        (await client.SendAsync(forged)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private async Task SeedSiteAndRolloutAsync()
    {
        var store = _host.Store;
        await Eventually.HoldsAsync(async () => await store.GetAsync<V1Namespace>(null, "org-acme") is not null, TimeSpan.FromSeconds(10));
        // Without a database server the org's Site is not made yet: make one as the team operator would show it.
        await store.CreateAsync(new Site
        {
            Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = "org-acme" },
            Spec = new SiteSpec { Domain = "acme.example.com" },
        });
        await store.MutateAsync<Site>("org-acme", "acme", s => s.Status.Set(Conditions.Ready, false, "ProductsNotReady", "waiting for Connect", s.Metadata.Generation, DateTimeOffset.UtcNow), status: true);
        await store.CreateAsync(new Connect { Metadata = new V1ObjectMeta { Name = "acme", NamespaceProperty = "org-acme" } });
        await store.MutateAsync<Connect>("org-acme", "acme", c => c.Status.Set(Conditions.Ready, true, "Ready", "", c.Metadata.Generation, DateTimeOffset.UtcNow), status: true);

        await store.CreateAsync(new ReleaseManager
        {
            Metadata = new V1ObjectMeta { Name = "connect-prod", NamespaceProperty = "default" },
            Spec = new ReleaseManagerSpec { App = "connect", Target = "prod", Fleet = "prod" },
        });
        await store.MutateAsync<ReleaseManager>("default", "connect-prod", rm =>
        {
            rm.Status.Revisions =
            [
                new IncarnationStatus { Tag = "2026.02.0", State = new IncarnationStateStatus { Current = "released" }, CurrentPercent = 90 },
                new IncarnationStatus { Tag = "2026.03.1", State = new IncarnationStateStatus { Current = "canarying" }, CurrentPercent = 10 },
            ];
            return true;
        }, status: true);
    }
}
