using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Providers.Tavily;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Tavily;

public sealed class TavilyTests
{
    private const string ApiKey = "tvly-SECRET-0a1b2c3d4e5f";

    [Fact]
    public async Task The_key_goes_in_the_body_only_and_results_map_to_title_url_snippet()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("""{"query":"who won","answer":null,"images":[],"results":[{"title":"Final","url":"https://example.com/final","content":"They won 2-1.","score":0.91,"raw_content":null}],"response_time":1.2}""");

        var response = await provider.SearchAsync(new SearchRequest { Model = "tavily-search", Query = "who won", MaxResults = 3 });

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/search", sent.Uri.AbsolutePath);
        Assert.Null(sent.Header("Authorization"));
        Assert.DoesNotContain(ApiKey, sent.Uri.ToString(), StringComparison.Ordinal);
        Assert.Equal("{\"api_key\":\"" + ApiKey + "\",\"query\":\"who won\",\"search_depth\":\"advanced\",\"max_results\":3}", sent.Body);
        var result = Assert.Single(response.Results);
        Assert.Equal(("Final", "https://example.com/final", "They won 2-1."), (result.Title, result.Url, result.Snippet));
    }

    [Fact]
    public async Task The_basic_model_asks_for_a_basic_search()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("""{"results":[]}""");

        await provider.SearchAsync(new SearchRequest { Model = "tavily-search-basic", Query = "q" });

        Assert.Equal("basic", JsonDocument.Parse(Assert.Single(upstream.Requests).Body!).RootElement.GetProperty("search_depth").GetString());
    }

    [Fact]
    public async Task An_error_never_echoes_the_body_or_the_key()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("{\"detail\":{\"error\":\"Unauthorized: key " + ApiKey + " is invalid\"}}", 401);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.SearchAsync(new SearchRequest { Model = "tavily-search", Query = "q" }));

        Assert.Equal(ProviderErrorCategory.Authentication, error.Category);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_knows_the_connector_and_its_per_search_prices()
    {
        var connector = ConnectorRegistry.Get("tavily.search.v1");

        Assert.Equal("TAVILY_API_KEY", connector.ApiKeyEnv);
        var search = connector.Catalogue.Single(m => m.Id == "tavily.tavily-search");
        Assert.True(search.Serves("web-search"));
        Assert.True(search.Pricing!.PerRequest > 0m);
    }

    private static TavilyProvider Create(LoopbackUpstream upstream) =>
        new(new ProviderOptions("tavily", upstream.BaseUrl) { ApiKey = ApiKey, RequestTimeout = TimeSpan.FromSeconds(10) });
}
