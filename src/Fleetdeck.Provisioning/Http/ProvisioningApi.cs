using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Fleetdeck.Core.Objects;
using Fleetdeck.Core.Store;
using Fleetdeck.Provisioning.Api;
using Fleetdeck.Provisioning.Credentials;
using Fleetdeck.Provisioning.Dashboard;

namespace Fleetdeck.Provisioning.Http;

/// <summary>
/// The REST API on the API port: provision, deprovision, status, list, credentials, the dashboard's data and the OpenAPI
/// document, all behind <see cref="InternalSecretFilter"/>. Handlers validate and write the Org; the controller does the rest.
/// </summary>
internal sealed class ProvisioningApi(
    IObjectStore store,
    OrgService orgs,
    CredentialBroker broker,
    InternalSecrets secrets,
    DashboardSession sessions,
    DashboardData dashboard,
    ILogger logger)
{
    public const int MaxPageSize = 500;

    public void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1").AddEndpointFilter(new InternalSecretFilter(secrets, sessions));
        api.MapPost("/orgs/{id}/provision", (string id, HttpRequest request, HttpResponse response, CancellationToken ct) => Guard(() => ProvisionAsync(id, request, response, ct)));
        api.MapPost("/orgs/{id}/deprovision", (string id, HttpRequest request, HttpResponse response, CancellationToken ct) => Guard(() => DeprovisionAsync(id, request, response, ct)));
        api.MapGet("/orgs/{id}/status", (string id, CancellationToken ct) => Guard(() => StatusAsync(id, ct)));
        api.MapGet("/orgs", (HttpRequest request, CancellationToken ct) => Guard(() => ListAsync(request, ct)));
        api.MapPost("/orgs/{id}/credentials", (string id, HttpRequest request, HttpResponse response, CancellationToken ct) => Guard(() => CredentialsAsync(id, request, response, ct)));
        api.MapGet("/dashboard", async (CancellationToken ct) => Results.Json(await dashboard.ReadAsync(ct).ConfigureAwait(false), ApiJson.Write));
        api.MapGet("/openapi.json", () => Results.Text(OpenApiDocument.Json, "application/json"));
    }

    private async Task<IResult> ProvisionAsync(string id, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var (body, problem) = await JsonRequest.ReadAsync<ProvisionRequest>(request, optional: false, ct).ConfigureAwait(false);
        if (problem is not null) return problem.ToResult();
        var errors = new List<FieldError>();
        if (OrgValidation.CheckId(id) is { } idProblem) errors.Add(new FieldError("id", idProblem));
        errors.AddRange(OrgValidation.ValidateSpec(body!.ToSpec(normalize: false)));
        if (errors.Count > 0) return Problem.Invalid($"The provision request for org \"{id}\" is invalid", errors).ToResult();
        return Respond(await orgs.ProvisionAsync(id, body.ToSpec(), ct).ConfigureAwait(false), response);
    }

    private async Task<IResult> DeprovisionAsync(string id, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var (_, problem) = await JsonRequest.ReadAsync<DeprovisionRequest>(request, optional: true, ct).ConfigureAwait(false);
        if (problem is not null) return problem.ToResult();
        if (InvalidId(id) is { } invalid) return invalid;
        return Respond(await orgs.DeprovisionAsync(id, ct).ConfigureAwait(false), response);
    }

    private async Task<IResult> StatusAsync(string id, CancellationToken ct)
    {
        if (InvalidId(id) is { } invalid) return invalid;
        var org = await store.GetAsync<Org>(null, id, ct).ConfigureAwait(false);
        return org is null ? Problem.Of(404, $"org {id} not found").ToResult() : Results.Json(OrgStatusDto.From(org), ApiJson.Write);
    }

    private async Task<IResult> ListAsync(HttpRequest request, CancellationToken ct)
    {
        var limit = 100;
        if (request.Query.TryGetValue("limit", out var text))
        {
            if (!int.TryParse(text.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxPageSize)
                return Problem.Invalid("Invalid query", [new FieldError("limit", $"must be an integer from 1 to {MaxPageSize}")]).ToResult();
        }
        var token = request.Query.TryGetValue("continue", out var c) ? c.ToString() : null;
        ObjectList page;
        try
        {
            page = await store.ListAsync(store.Kinds.Get<Org>(), new ListOptions { Limit = limit, Continue = string.IsNullOrEmpty(token) ? null : token }, ct).ConfigureAwait(false);
        }
        catch (StoreException e) when (e.Code is 400 or 410)
        {
            return Problem.Of(400, $"continue: {(e.Code == 410 ? "the token has expired; list again from the start" : "not a token this server issued")}").ToResult();
        }
        return Results.Json(new OrgListDto([.. page.Items.Cast<Org>().Select(OrgStatusDto.From)], string.IsNullOrEmpty(page.Continue) ? null : page.Continue), ApiJson.Write);
    }

    private async Task<IResult> CredentialsAsync(string id, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var (body, problem) = await JsonRequest.ReadAsync<CredentialsRequest>(request, optional: true, ct).ConfigureAwait(false);
        if (problem is not null) return problem.ToResult();
        if (InvalidId(id) is { } invalid) return invalid;
        var options = broker.Options;
        var ttl = body?.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.DefaultTtl;
        if (ttl < options.MinTtl || ttl > options.MaxTtl)
            return Problem.Invalid("Invalid credentials request", [new FieldError("ttlSeconds", $"must be from {options.MinTtl.TotalSeconds:0} to {options.MaxTtl.TotalSeconds:0} seconds (it is {body?.TtlSeconds})")]).ToResult();
        var org = await store.GetAsync<Org>(null, id, ct).ConfigureAwait(false);
        if (org is null) return Problem.Of(404, $"org {id} not found").ToResult();
        if (OrgStates.Of(org) != OrgStates.Ready || org.Spec.Deprovisioned == true)
            return Problem.Of(409, $"org {id} is {OrgStates.Of(org)}{(org.Spec.Deprovisioned == true ? " (deprovision requested)" : "")}; credentials are issued once it is ready").ToResult();
        var credential = await broker.IssueAsync(org, ttl, ct).ConfigureAwait(false);
        if (credential is null) return Problem.Of(503, $"org {id}'s database is not reachable right now; try again").ToResult();
        logger.LogInformation("Issued credential {User} for org {Org}, valid until {Expires:O}", credential.Username, id, credential.ExpiresAt);
        response.Headers.CacheControl = "no-store";
        return Results.Json(credential, ApiJson.Write, statusCode: 201);
    }

    private static IResult Respond(OrgOutcome outcome, HttpResponse response)
    {
        if (outcome.Problem is { } problem) return problem.ToResult();
        response.Headers.Location = $"/api/v1/orgs/{outcome.Org!.Id}/status";
        return Results.Json(OrgStatusDto.From(outcome.Org), ApiJson.Write, statusCode: outcome.Status);
    }

    private static IResult? InvalidId(string id) =>
        OrgValidation.CheckId(id) is { } problem ? Problem.Invalid($"Invalid org id \"{id}\"", [new FieldError("id", problem)]).ToResult() : null;

    /// <summary>Bad input never becomes a 500: store validation is 422, store conflicts 409; only real faults are 500s.</summary>
    private async Task<IResult> Guard(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler().ConfigureAwait(false);
        }
        catch (StoreException e) when (e.Code is >= 400 and < 500)
        {
            return Problem.Of(e.Code, e.Message, e.Causes.Count == 0 ? null : e.Causes.GroupBy(c => c.Field).ToDictionary(g => g.Key, g => g.Select(c => c.Message).ToArray())).ToResult();
        }
        catch (Npgsql.NpgsqlException e)
        {
            logger.LogWarning("Database error serving a request: {Category}", Infrastructure.SafeMessages.ForDatabaseError(e));
            return Problem.Of(503, "The org's database server is not available: " + Infrastructure.SafeMessages.ForDatabaseError(e)).ToResult();
        }
    }
}

/// <summary>The body of a deprovision request: empty or <c>{}</c>; any field is unknown.</summary>
public sealed record DeprovisionRequest;
