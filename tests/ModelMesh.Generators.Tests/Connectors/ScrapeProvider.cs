using System.Text;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

/// <summary>
/// Every scrape hook, each taking the request: a method that depends on it (GET with the address in the path, or
/// POST with a wire record), and the raw body read with the request.
/// </summary>
[Provider("scrape.test.v1", BaseUrl = "https://scrape.example.com")]
[ModelInfo("reader", "content-extraction", PricePerRequest = 0.001)]
public partial class ScrapeProvider : BaseProvider
{
    [HookOverride(ProviderHook.GetScrapeMethod)]
    private static HttpMethod ScrapeMethod(ScrapeRequest request) => request.OnlyMainContent == true ? HttpMethod.Post : HttpMethod.Get;

    [HookOverride(ProviderHook.GetScrapeEndpoint)]
    private static string ScrapeEndpoint(ScrapeRequest request) => request.OnlyMainContent == true ? "/read" : "/read/" + request.Url;

    [HookOverride(ProviderHook.BuildScrapePayload)]
    private static ReadBody BuildScrape(ScrapeRequest request) => new() { Address = request.Url, Main = request.OnlyMainContent };

    [HookOverride(ProviderHook.ParseScrapeResponse)]
    private static ScrapeResponse ParseScrape(ReadOnlyMemory<byte> body, ScrapeRequest request) => new()
    {
        Model = request.Model,
        Url = request.Url,
        Markdown = Encoding.UTF8.GetString(body.Span),
    };
}

public sealed class ReadBody
{
    public required string Address { get; init; }

    public bool? Main { get; init; }
}
