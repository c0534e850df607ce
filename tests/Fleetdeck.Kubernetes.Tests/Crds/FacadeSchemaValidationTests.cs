using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Fleetdeck.Core.Store;
using Fleetdeck.Kubernetes.Tests.Store;
using Fleetdeck.Kubernetes.Tests.TestParts;

namespace Fleetdeck.Kubernetes.Tests.Crds;

/// <summary>
/// A custom resource a real API server would refuse for breaking its CRD's schema is refused by the façade too, with
/// the field path: over HTTP (422 Invalid), through the Kubernetes store (InvalidObjectException with causes), and in kubectl.
/// </summary>
public sealed class FacadeSchemaValidationTests : IAsyncLifetime
{
    private FacadeServer _server = null!;
    private readonly string _ns = $"sv-{Guid.NewGuid():N}"[..12];

    public async Task InitializeAsync()
    {
        _server = await FacadeServer.StartAsync(kinds: TestModules.TestCatalog().Kinds);
        await _server.Backing.CreateAsync(new k8s.Models.V1Namespace { Metadata = new() { Name = _ns } });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string GadgetJson(string spec) => $$"""{"apiVersion": "test.fleetdeck.dev/v1", "kind": "Gadget", "metadata": {"name": "g", "namespace": "{{_ns}}"}, "spec": {{spec}}}""";

    [Fact]
    public async Task The_api_answers_422_with_the_field_path()
    {
        using var http = _server.HttpClient();
        using var response = await http.PostAsync($"/apis/test.fleetdeck.dev/v1/namespaces/{_ns}/gadgets",
            new StringContent(GadgetJson("""{"label": "ok", "replicas": 42, "mode": "sleeping"}"""), Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        status["reason"]!.GetValue<string>().ShouldBe("Invalid");
        status["message"]!.GetValue<string>().ShouldStartWith("Gadget.test.fleetdeck.dev \"g\" is invalid: [");
        var causes = status["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).Order().ToList();
        causes.ShouldBe(["spec.mode", "spec.replicas"]);
    }

    [Fact]
    public async Task The_kubernetes_store_reports_it_as_an_invalid_object_with_causes()
    {
        var store = _server.Connect(TestModules.TestCatalog().Kinds);
        var gadget = new Gadget { Metadata = new() { Name = "g", NamespaceProperty = _ns }, Spec = new GadgetSpec { Label = "Bad Label", Replicas = 2 } };

        var error = await Should.ThrowAsync<InvalidObjectException>(() => store.CreateAsync(gadget));

        error.Causes.ShouldHaveSingleItem().Field.ShouldBe("spec.label");
        error.Message.ShouldContain("spec.label in body should match '^[a-z][a-z0-9-]*$'");
    }

    [Fact]
    public async Task Defaults_from_the_schema_are_applied_on_create()
    {
        var store = _server.Connect(TestModules.TestCatalog().Kinds);

        var created = await store.CreateAsync(new Gadget { Metadata = new() { Name = "d", NamespaceProperty = _ns }, Spec = new GadgetSpec { Label = "ok" } });

        created.Spec.Mode.ShouldBe(GadgetMode.Standby);
        created.Spec.Size.ShouldBe("medium");
    }

    [Fact]
    public async Task Patches_and_updates_are_validated_too()
    {
        var store = _server.Connect(TestModules.TestCatalog().Kinds);
        var created = await store.CreateAsync(new Gadget { Metadata = new() { Name = "p", NamespaceProperty = _ns }, Spec = new GadgetSpec { Label = "ok" } });

        created.Spec.Replicas = 100;
        (await Should.ThrowAsync<InvalidObjectException>(() => store.UpdateAsync(created))).Causes.Single().Field.ShouldBe("spec.replicas");

        using var http = _server.HttpClient();
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/apis/test.fleetdeck.dev/v1/namespaces/{_ns}/gadgets/p")
        {
            Content = new StringContent("""{"spec": {"tags": []}}""", Encoding.UTF8, new MediaTypeHeaderValue("application/merge-patch+json")),
        };
        using var response = await http.SendAsync(patch);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("spec.tags in body should have at least 1 items");
    }

    [Fact]
    public async Task Kubectl_shows_the_field_path()
    {
        var result = await Kubectl.RunWithInputAsync(_server.Kubeconfig, GadgetJson("""{"label": "ok", "storage": "ten gigs"}"""), "apply", "-f", "-");

        result.ExitCode.ShouldNotBe(0);
        result.Stderr.ShouldContain("spec.storage");
        result.Stderr.ShouldContain("is invalid");
    }
}
