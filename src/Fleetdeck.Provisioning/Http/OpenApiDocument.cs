namespace Fleetdeck.Provisioning.Http;

/// <summary>The API's OpenAPI 3.0 document, written by hand beside the routes and checked against them by a test.</summary>
internal static class OpenApiDocument
{
    public static string Json { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("openapi.json")
            ?? throw new InvalidOperationException("the OpenAPI document is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
