using System.CommandLine;
using Fleetdeck.Cli.Options;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Fleetdeck.Cli.Commands.Orgs;

/// <summary><c>fleetdeck orgs provision|deprovision|status|list|credentials</c>: a client of the REST API.</summary>
internal static class OrgsCommand
{
    private static readonly Option<Uri?> ApiUrl = RecursiveUrl();

    private static Option<Uri?> RecursiveUrl()
    {
        var option = UrlOption.Create("--api-url", "The REST API (default: $FLEETDECK_API_URL, then .fleetdeck/api-url, then http://127.0.0.1:8480/)", "http://127.0.0.1:8480");
        option.Recursive = true;
        return option;
    }
    private static readonly Option<string?> Secret = new("--internal-secret") { Description = "The API secret (default: $FLEETDECK_INTERNAL_SECRET, then .fleetdeck/internal-secret)", Recursive = true };

    public static Command Create()
    {
        var command = new Command("orgs", "Provision, deprovision and inspect customer orgs through the REST API") { ApiUrl, Secret };
        command.Subcommands.Add(Provision());
        command.Subcommands.Add(Deprovision());
        command.Subcommands.Add(Status());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Credentials());
        return command;
    }

    private static Argument<string> Id() => new("id") { Description = "The org id (a DNS label of at most 35 characters)" };

    private static Option<string> Output(params string[] formats)
    {
        return ChoiceOption.Create("--output", string.Join(" or ", formats), formats, formats[0], "-o");
    }

    private static Option<bool> Wait(string what) => new("--wait") { Description = $"Wait until the org is {what}" };

    private static Option<Duration> Timeout() => DurationOption.Create("--timeout", "How long --wait waits", TimeSpan.FromMinutes(30));

    private static OrgsApiClient Client(ParseResult parse) => OrgsApiClient.Create(parse.GetValue(ApiUrl)?.AbsoluteUri, parse.GetValue(Secret));

    private static Command Provision()
    {
        var id = Id();
        var domain = new Option<string>("--domain") { Description = "The Site's domain", Required = true };
        var products = new Option<string[]>("--product", "-p") { Description = "A product to run (repeat): connect, workbench, packageManager, chronicle, flightdeck", AllowMultipleArgumentsPerToken = true };
        // Whole numbers here; the API says which sizes it accepts (with every other problem of the request at once).
        var database = CountOption.Create("--database-size", "Database size in GiB", 10, minimum: 0);
        var storage = CountOption.Create("--storage-size", "Storage size in GiB", 50, minimum: 0);
        var retention = new Option<string?>("--retention") { Description = "Retain (default: deprovision keeps data) or Delete" };
        var wait = Wait("ready");
        var timeout = Timeout();
        var output = Output("text", "json");
        var command = new Command("provision", "Provision an org (idempotent: the same request again changes nothing)") { id, domain, products, database, storage, retention, wait, timeout, output };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            using var client = Client(parse);
            var body = new
            {
                domain = parse.GetValue(domain),
                products = (parse.GetValue(products) ?? []).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
                database = new { sizeGi = parse.GetValue(database) },
                storage = new { sizeGi = parse.GetValue(storage) },
                retentionPolicy = parse.GetValue(retention),
            };
            var orgId = parse.GetValue(id)!;
            var status = await client.SendAsync(HttpMethod.Post, $"api/v1/orgs/{Uri.EscapeDataString(orgId)}/provision", body, ct);
            if (parse.GetValue(wait)) status = await WaitForAsync(client, context, orgId, ["ready"], ["failed"], parse.GetValue(timeout), ct);
            await Print(context, status, parse.GetValue(output)!);
            return status["state"]?.GetValue<string>() == "failed" ? 1 : 0;
        }));
        return command;
    }

    private static Command Deprovision()
    {
        var id = Id();
        var wait = Wait("deleted");
        var timeout = Timeout();
        var output = Output("text", "json");
        var command = new Command("deprovision", "Remove an org's Site and infrastructure (its retention policy says what is kept)") { id, wait, timeout, output };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            using var client = Client(parse);
            var orgId = parse.GetValue(id)!;
            var status = await client.SendAsync(HttpMethod.Post, $"api/v1/orgs/{Uri.EscapeDataString(orgId)}/deprovision", null, ct);
            if (parse.GetValue(wait)) status = await WaitForAsync(client, context, orgId, ["deleted"], [], parse.GetValue(timeout), ct);
            await Print(context, status, parse.GetValue(output)!);
            return 0;
        }));
        return command;
    }

    private static Command Status()
    {
        var id = Id();
        var output = Output("text", "json");
        var command = new Command("status", "Show an org's lifecycle: state, conditions, timestamps, endpoints") { id, output };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            using var client = Client(parse);
            var status = await client.SendAsync(HttpMethod.Get, $"api/v1/orgs/{Uri.EscapeDataString(parse.GetValue(id)!)}/status", null, ct);
            await Print(context, status, parse.GetValue(output)!);
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var output = Output("table", "json");
        var command = new Command("list", "List orgs (every page)") { output };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            using var client = Client(parse);
            var items = new JsonArray();
            string? next = null;
            do
            {
                var page = await client.SendAsync(HttpMethod.Get, "api/v1/orgs?limit=200" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next)), null, ct);
                foreach (var item in page["items"] as JsonArray ?? []) items.Add(item!.DeepClone());
                next = page["continue"]?.GetValue<string>();
            } while (next is not null);

            if (parse.GetValue(output) == "json")
            {
                await context.Out.WriteLineAsync(items.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            if (items.Count == 0)
            {
                await context.Error.WriteLineAsync("No orgs.");
                return 0;
            }
            var table = new Table().NoBorder().AddColumns("ID", "STATE", "READY", "DOMAIN", "PRODUCTS", "MESSAGE");
            table.Columns[0].PadLeft(0);
            foreach (var org in items.OfType<JsonObject>())
                table.AddRow(Text(org["id"]), Text(org["state"]), org["ready"]?.GetValue<bool>() == true ? "yes" : "no", Text(org["request"]?["domain"]),
                    Markup.Escape(string.Join(",", (org["request"]?["products"] as JsonArray ?? []).Select(p => p?.GetValue<string>()))), Text(org["message"]));
            context.Console.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Credentials()
    {
        var id = Id();
        var ttl = DurationOption.Create("--ttl", "How long the credentials live (at most 12h)", TimeSpan.FromMinutes(15));
        var output = Output("text", "json", "url");
        var command = new Command("credentials", "Issue short-lived database credentials for a ready org (shown once)") { id, ttl, output };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            using var client = Client(parse);
            var lifetime = parse.GetValue(ttl).Value;
            var credential = await client.SendAsync(HttpMethod.Post, $"api/v1/orgs/{Uri.EscapeDataString(parse.GetValue(id)!)}/credentials",
                new { ttlSeconds = (int)lifetime.TotalSeconds }, ct);
            switch (parse.GetValue(output))
            {
                case "json":
                    await context.Out.WriteLineAsync(credential.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                    break;
                case "url":
                    await context.Out.WriteLineAsync(credential["url"]?.GetValue<string>());
                    break;
                default:
                    foreach (var key in new[] { "username", "password", "host", "port", "database", "expiresAt", "url" })
                        await context.Out.WriteLineAsync($"{key + ":",-11}{credential[key]}");
                    await context.Error.WriteLineAsync("The password is shown once; it is stored nowhere.");
                    break;
            }
            return 0;
        }));
        return command;
    }

    private static async Task<JsonObject> WaitForAsync(OrgsApiClient client, CliContext context, string id, string[] done, string[] failed, Duration timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout.Value;
        string? last = null;
        while (true)
        {
            var status = await client.SendAsync(HttpMethod.Get, $"api/v1/orgs/{Uri.EscapeDataString(id)}/status", null, ct);
            var state = status["state"]?.GetValue<string>() ?? "";
            var line = $"{state}: {status["message"]}";
            if (line != last) await context.Error.WriteLineAsync(line);
            last = line;
            if ((done.Contains(state) && (state != "ready" || status["ready"]?.GetValue<bool>() == true)) || failed.Contains(state)) return status;
            if (DateTime.UtcNow > deadline) throw new CliException($"org {id} is still {state} after {timeout}: {status["message"]}");
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    private static async Task Print(CliContext context, JsonObject status, string format)
    {
        if (format == "json")
        {
            await context.Out.WriteLineAsync(status.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        var request = status["request"];
        await context.Out.WriteLineAsync($"Org:        {status["id"]}");
        await context.Out.WriteLineAsync($"State:      {status["state"]}{(status["deprovisionRequested"]?.GetValue<bool>() == true ? " (deprovision requested)" : "")}");
        await context.Out.WriteLineAsync($"Ready:      {(status["ready"]?.GetValue<bool>() == true ? "yes" : "no")}");
        await context.Out.WriteLineAsync($"Message:    {status["message"]}");
        await context.Out.WriteLineAsync($"Domain:     {request?["domain"]}");
        await context.Out.WriteLineAsync($"Products:   {string.Join(", ", (request?["products"] as JsonArray ?? []).Select(p => p?.GetValue<string>()))}");
        await context.Out.WriteLineAsync($"Sizes:      database {request?["databaseSizeGi"]} GiB, storage {request?["storageSizeGi"]} GiB; retention {request?["retentionPolicy"]}");
        if (status["endpoints"] is JsonObject endpoints)
            foreach (var (key, value) in endpoints) await context.Out.WriteLineAsync($"{"  " + key + ":",-12}{value}");
        foreach (var (key, value) in status["timestamps"] as JsonObject ?? [])
            await context.Out.WriteLineAsync($"{"  " + key + ":",-25}{value}");
        await context.Out.WriteLineAsync("Conditions:");
        foreach (var c in (status["conditions"] as JsonArray ?? []).OfType<JsonObject>())
            await context.Out.WriteLineAsync($"  {c["type"],-20} {c["status"],-6} {c["reason"],-22} {c["message"]}");
    }

    private static string Text(JsonNode? node) => Markup.Escape(node?.GetValue<string>() ?? "");
}
