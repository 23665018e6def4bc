using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Providers.Serper;
using ModelMesh.Providers.Tavily;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Search;

public sealed class SearchMeshTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_503_from_Tavily_fails_over_to_Serper_and_is_priced_per_request()
    {
        await using var tavily = await LoopbackUpstream.StartAsync();
        await using var serper = await LoopbackUpstream.StartAsync();
        tavily.EnqueueJson("""{"detail":{"error":"overloaded"}}""", 503);
        serper.EnqueueJson("""{"organic":[{"title":"T","link":"https://t.example/","snippet":"S","position":1}]}""");
        using var mesh = BuildMesh(tavily, serper, includeSonar: false);
        var outcome = new RoutingOutcome();

        var response = await mesh.Search.QueryAsync(new SearchRequest { Model = "web-search", Query = "q" }, outcome).WaitAsync(Bound);

        Assert.Equal("https://t.example/", Assert.Single(response.Results).Url);
        Assert.Single(tavily.Requests);
        Assert.Equal("serper.serper-google-search", outcome.ModelId);
        Assert.Equal(0.001m, mesh.Usage.TotalCost);
    }

    [Fact]
    public async Task A_chat_model_that_lists_web_search_answers_chat_not_search()
    {
        await using var tavily = await LoopbackUpstream.StartAsync();
        await using var serper = await LoopbackUpstream.StartAsync();
        tavily.EnqueueJson("""{"detail":{"error":"overloaded"}}""", 503);
        using var mesh = BuildMesh(tavily, serper, includeSonar: true);

        var error = await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Search.QueryAsync(new SearchRequest { Model = "web-search", Query = "q" })).WaitAsync(Bound);

        Assert.NotNull(error);
        Assert.Empty(serper.Requests); // the pool holds Tavily and the chat model only
    }

    [Theory]
    [InlineData(" ", null, "'query'")]
    [InlineData("q", 0, "'max_results'")]
    public async Task An_invalid_request_is_refused_naming_what_is_wrong(string query, int? max, string named)
    {
        await using var tavily = await LoopbackUpstream.StartAsync();
        await using var serper = await LoopbackUpstream.StartAsync();
        using var mesh = BuildMesh(tavily, serper, includeSonar: false);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => mesh.Search.QueryAsync(new SearchRequest { Model = "web-search", Query = query, MaxResults = max }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static MeshClient BuildMesh(LoopbackUpstream tavily, LoopbackUpstream serper, bool includeSonar)
    {
        var builder = new MeshBuilder()
            .AddProvider(new TavilyProvider(new ProviderOptions("tavily", tavily.BaseUrl) { ApiKey = "tvly-SECRET-0123456789", RequestTimeout = TimeSpan.FromSeconds(10) }))
            .AddProvider(new SerperProvider(new ProviderOptions("serper", serper.BaseUrl) { ApiKey = "serper-SECRET-0123456789", RequestTimeout = TimeSpan.FromSeconds(10) }))
            .AddModels(new ModelDefinition { Id = "tavily.tavily-search", ProviderId = "tavily", Capabilities = ["web-search"], Pricing = new ModelPricing(0m, 0m, 0.016m) });
        if (includeSonar)
        {
            // A chat model grounded in search (like Perplexity's sonar) on the Serper upstream: it must get no search call.
            builder.AddModels(new ModelDefinition { Id = "serper.sonar", ProviderId = "serper", Capabilities = ["chat-completion", "web-search"] });
        }
        else
        {
            builder.AddModels(new ModelDefinition { Id = "serper.serper-google-search", ProviderId = "serper", Capabilities = ["web-search"], Pricing = new ModelPricing(0m, 0m, 0.001m) });
        }
        var pool = new PoolDefinition { Id = "search", Capability = "web-search", Strategy = RotationStrategies.StickUntilFailure, Retry = MeshFixture.FastRetry with { MaxAttempts = 1 } };
        return builder.AddPool(pool).Build();
    }
}
