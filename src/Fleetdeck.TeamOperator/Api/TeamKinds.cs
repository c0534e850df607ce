using Fleetdeck.Core.Objects;
using Fleetdeck.TeamOperator.Admission;
using Fleetdeck.TeamOperator.Api.ThirdParty;

namespace Fleetdeck.TeamOperator.Api;

/// <summary>The kinds of <c>core.posit.team/v1beta1</c> and the third-party kinds the team operator writes.</summary>
public static class TeamKinds
{
    public const string Group = "core.posit.team";
    public const string Version = "v1beta1";
    public const string ApiVersion = Group + "/" + Version;

    private static readonly string[] Categories = ["posit-team"];

    private static PrinterColumn ReadyColumn => new("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status");

    private static PrinterColumn ReasonColumn => new("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason");

    public static void AddTo(KindRegistry kinds)
    {
        kinds
            .Add<Site>(k => k with
            {
                Categories = Categories,
                PrinterColumns = [new("Domain", "string", ".spec.domain"), ReadyColumn, ReasonColumn, new("Message", "string", ".status.conditions[?(@.type==\"Ready\")].message", Priority: 1)],
                Admission = new SiteAdmission(),
            })
            .Add<Connect>(k => k with { ShortNames = ["con", "cons"], Categories = Categories, PrinterColumns = ProductColumns(), Admission = new ConnectAdmission() })
            .Add<Workbench>(k => k with { Singular = "workbench", ShortNames = ["wb", "wbs"], Categories = Categories, PrinterColumns = ProductColumns(), Admission = new WorkbenchAdmission() })
            .Add<PackageManager>(k => k with { ShortNames = ["pm", "pms"], Categories = Categories, PrinterColumns = ProductColumns(), Admission = new PackageManagerAdmission() })
            .Add<Chronicle>(k => k with { ShortNames = ["pcr", "chr"], Categories = Categories, PrinterColumns = [ReadyColumn, ReasonColumn], Admission = new ChronicleAdmission() })
            .Add<Flightdeck>(k => k with { Categories = Categories, PrinterColumns = [new("Domain", "string", ".spec.domain"), ReadyColumn, ReasonColumn], Admission = new FlightdeckAdmission() })
            .Add<TraefikMiddleware>(k => k with { HasStatus = false, ThirdParty = true })
            .Add<SecretProviderClass>(k => k with { HasStatus = false, ThirdParty = true })
            .Add<Keycloak>(k => k with { ThirdParty = true });

        // PostgresDatabase belongs to the database provisioner, which registers it with its own admission; register
        // a plain one only when it has not (so render and the product controllers work without it).
        if (kinds.Find(typeof(PostgresDatabase)) is null)
            kinds.Add<PostgresDatabase>(k => k with
            {
                ShortNames = ["pgdb", "pgdbs"],
                Categories = Categories,
                PrinterColumns = [ReadyColumn, ReasonColumn],
            });
    }

    private static PrinterColumn[] ProductColumns() => [new("URL", "string", ".spec.url"), ReadyColumn, ReasonColumn];
}
