using ModelMesh.Cdk;
using ModelMesh.Providers.Serper;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Serper;

public sealed class SerperTests
{
    private const string ApiKey = "serper-SECRET-9f8e7d6c5b4a";

    [Fact]
    public async Task The_key_goes_in_X_API_KEY_and_organic_results_map_to_title_url_snippet()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("""{"searchParameters":{"q":"apple inc","type":"search","engine":"google"},"knowledgeGraph":{"title":"Apple"},"organic":[{"title":"Apple","link":"https://www.apple.com/","snippet":"Discover the innovative world of Apple.","position":1},{"title":"Apple Inc. - Wikipedia","link":"https://en.wikipedia.org/wiki/Apple_Inc.","snippet":"Apple Inc. is an American company.","position":2}],"credits":1}""");

        var response = await provider.SearchAsync(new SearchRequest { Model = "serper-google-search", Query = "apple inc", MaxResults = 2 });

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/search", sent.Uri.AbsolutePath);
        Assert.Equal(ApiKey, sent.Header("X-API-KEY"));
        Assert.Null(sent.Header("Authorization"));
        Assert.Equal("""{"q":"apple inc","num":2}""", sent.Body);
        Assert.Equal(["https://www.apple.com/", "https://en.wikipedia.org/wiki/Apple_Inc."], response.Results.Select(r => r.Url));
        Assert.Equal("Apple Inc. is an American company.", response.Results[1].Snippet);
    }

    [Fact]
    public async Task A_server_error_is_retryable()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("""{"message":"Internal error","statusCode":500}""", 500);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.SearchAsync(new SearchRequest { Model = "serper-google-search", Query = "q" }));

        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public void The_registry_knows_the_connector()
    {
        var connector = ConnectorRegistry.Get("serper.search.v1");

        Assert.Equal("SERPER_API_KEY", connector.ApiKeyEnv);
        Assert.Equal(new Uri("https://google.serper.dev"), connector.DefaultBaseUrl);
        Assert.True(connector.Catalogue.Single(m => m.Id == "serper.serper-google-search").Serves("web-search"));
    }

    private static SerperProvider Create(LoopbackUpstream upstream) =>
        new(new ProviderOptions("serper", upstream.BaseUrl) { ApiKey = ApiKey, RequestTimeout = TimeSpan.FromSeconds(10) });
}
