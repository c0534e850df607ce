using System.Net;
using System.Text.Json.Nodes;

namespace Fleetdeck.Server.Tests.KubeApi;

public sealed class TableTests(KubeApiFixture fixture) : IClassFixture<KubeApiFixture>
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    private readonly ApiClient _api = fixture.Api;
    private readonly string _ns = KubeApiFixture.NewNamespace();

    [Fact]
    public async Task Lists_as_tables_have_name_printer_columns_and_age()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "tw", "violet"));
        await _api.PatchAsync(Manifests.Widgets(_ns, "tw") + "/status", """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"Done","message":"","lastTransitionTime":"2024-01-01T00:00:00Z"}]}}""", "application/merge-patch+json");

        var response = await _api.GetAsync(Manifests.Widgets(_ns), TableAccept);

        response.Status.ShouldBe(HttpStatusCode.OK);
        var table = response.Object;
        table["kind"]!.GetValue<string>().ShouldBe("Table");
        table["apiVersion"]!.GetValue<string>().ShouldBe("meta.k8s.io/v1");
        table["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        var columns = table["columnDefinitions"]!.AsArray();
        columns.Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["Name", "Color", "Ready", "Age"]);
        columns[0]!["format"]!.GetValue<string>().ShouldBe("name");
        columns[3]!["type"]!.GetValue<string>().ShouldBe("date");
        var row = table["rows"]!.AsArray().ShouldHaveSingleItem()!;
        var cells = row["cells"]!.AsArray();
        cells[0]!.GetValue<string>().ShouldBe("tw");
        cells[1]!.GetValue<string>().ShouldBe("violet");
        cells[2]!.GetValue<string>().ShouldBe("True");
        cells[3]!.GetValue<string>().ShouldMatch("^[0-9]+s$");
        var partial = row["object"]!;
        partial["kind"]!.GetValue<string>().ShouldBe("PartialObjectMetadata");
        partial["apiVersion"]!.GetValue<string>().ShouldBe("meta.k8s.io/v1");
        partial["metadata"]!["namespace"]!.GetValue<string>().ShouldBe(_ns);
        partial["spec"].ShouldBeNull();
    }

    [Fact]
    public async Task Missing_values_are_null_cells_and_whole_objects_come_when_asked()
    {
        await _api.PostAsync(Manifests.Widgets(_ns), Manifests.Widget(_ns, "bare"));

        var table = (await _api.GetAsync(Manifests.Widgets(_ns, "bare") + "?includeObject=Object", TableAccept)).Object;

        var row = table["rows"]![0]!;
        row["cells"]![2].ShouldBeNull();
        row["object"]!["kind"]!.GetValue<string>().ShouldBe("Widget");
        row["object"]!["spec"]!["color"]!.GetValue<string>().ShouldBe("blue");
        (await _api.GetAsync(Manifests.Widgets(_ns, "bare") + "?includeObject=None", TableAccept)).Object["rows"]![0]!["object"].ShouldBeNull();
        (await _api.GetAsync(Manifests.Widgets(_ns, "bare") + "?includeObject=Most", TableAccept)).ShouldBeStatus(400, "BadRequest");
    }

    [Fact]
    public async Task Integer_columns_are_numbers()
    {
        var deployment = Manifests.Deployment(_ns, "cols");
        await _api.PostAsync(Manifests.Deployments(_ns), deployment);

        var table = (await _api.GetAsync(Manifests.Deployments(_ns), TableAccept)).Object;

        table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["Name", "Ready", "Desired", "Age"]);
        table["rows"]![0]!["cells"]![2]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task Partial_object_metadata_lists_carry_only_metadata()
    {
        await _api.PostAsync(Manifests.ConfigMaps(_ns), Manifests.ConfigMap(_ns, "meta"));

        var list = (await _api.GetAsync(Manifests.ConfigMaps(_ns), "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io")).Object;

        list["kind"]!.GetValue<string>().ShouldBe("PartialObjectMetadataList");
        var item = list["items"]!.AsArray().ShouldHaveSingleItem()!;
        item["metadata"]!["name"]!.GetValue<string>().ShouldBe("meta");
        item["data"].ShouldBeNull();
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(192, "3m12s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 1800, "3h30m")]
    [InlineData(20 * 3600, "20h")]
    [InlineData(3 * 86400 + 5 * 3600, "3d5h")]
    [InlineData(30 * 86400, "30d")]
    [InlineData(3 * 365 * 86400 + 10 * 86400, "3y10d")]
    [InlineData(-5, "<invalid>")]
    public void Ages_read_as_the_api_server_writes_them(int seconds, string expected)
    {
        Fleetdeck.Core.Objects.HumanDuration.Format(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
    }
}
