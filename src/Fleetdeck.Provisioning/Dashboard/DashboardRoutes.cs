using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Fleetdeck.Provisioning.Http;

namespace Fleetdeck.Provisioning.Dashboard;

/// <summary>
/// The dashboard at <c>/</c>: static pages (they hold no data), a login form that trades the internal secret for a
/// session cookie, and a logout. The data comes from <c>GET /api/v1/dashboard</c>, which the cookie may read.
/// </summary>
internal sealed class DashboardRoutes(InternalSecrets secrets, DashboardSession sessions)
{
    private static readonly ConcurrentDictionary<string, string> Assets = new();

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (HttpContext http) => sessions.IsValid(http.Request) ? Page(http, "index.html") : Results.Redirect("/login"));
        routes.MapGet("/login", (HttpContext http) => Page(http, "login.html"));
        routes.MapPost("/login", (Func<HttpContext, Task<IResult>>)LoginAsync);
        routes.MapPost("/logout", (HttpContext http) =>
        {
            http.Response.Cookies.Delete(DashboardSession.CookieName, sessions.Options());
            return Results.Redirect("/login", permanent: false, preserveMethod: false);
        });
        routes.MapGet("/dashboard.js", (HttpContext http) => Asset(http, "dashboard.js", "text/javascript; charset=utf-8"));
        routes.MapGet("/dashboard.css", (HttpContext http) => Asset(http, "dashboard.css", "text/css; charset=utf-8"));
    }

    private async Task<IResult> LoginAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType || http.Request.ContentLength > 4096)
            return Login(http, "Send the form from the login page.", StatusCodes.Status400BadRequest);
        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        if (!secrets.Matches(form["secret"].ToString())) return Login(http, "That is not the internal secret.", StatusCodes.Status401Unauthorized);
        http.Response.Cookies.Append(DashboardSession.CookieName, sessions.Issue(), sessions.Options());
        return Results.Redirect("/", permanent: false, preserveMethod: false);
    }

    private static IResult Login(HttpContext http, string error, int status)
    {
        Protect(http);
        var html = Load("login.html").Replace("<!--error-->", WebUtility.HtmlEncode(error), StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static IResult Page(HttpContext http, string name)
    {
        Protect(http);
        return Results.Content(Load(name), "text/html; charset=utf-8");
    }

    private static IResult Asset(HttpContext http, string name, string type)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Content(Load(name), type);
    }

    /// <summary>Pages are never cached or framed, and run only this origin's script.</summary>
    private static void Protect(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";
    }

    private static string Load(string name) => Assets.GetOrAdd(name, n =>
    {
        using var stream = typeof(DashboardRoutes).Assembly.GetManifestResourceStream("dashboard/" + n)
            ?? throw new InvalidOperationException($"dashboard asset {n} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
