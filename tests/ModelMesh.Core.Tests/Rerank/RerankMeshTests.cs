using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Providers.Cohere;
using ModelMesh.Providers.Jina;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Rerank;

public sealed class RerankMeshTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_503_from_one_reranker_fails_over_to_the_other()
    {
        await using var cohere = await LoopbackUpstream.StartAsync();
        await using var jina = await LoopbackUpstream.StartAsync();
        cohere.EnqueueJson("""{"message":"service unavailable"}""", 503);
        jina.EnqueueJson("""{"model":"jina-reranker-v2-base-multilingual","usage":{"total_tokens":9},"results":[{"index":1,"relevance_score":0.9},{"index":0,"relevance_score":0.2}]}""");
        using var mesh = BuildMesh(cohere, jina);
        var outcome = new RoutingOutcome();

        var response = await mesh.Rerank.CreateAsync(new RerankRequest { Model = "reranking", Query = "q", Documents = ["a", "b"] }, outcome).WaitAsync(Bound);

        Assert.Equal([1, 0], response.Results.Select(r => r.Index));
        Assert.Single(cohere.Requests);
        Assert.Equal("rerank-v3.5", System.Text.Json.JsonDocument.Parse(cohere.Requests[0].Body!).RootElement.GetProperty("model").GetString());
        Assert.Equal("jina.jina-reranker-v2-base-multilingual", outcome.ModelId);
        Assert.Equal(2, outcome.ModelsTried);
    }

    [Fact]
    public async Task The_failed_reranker_cools_down_and_the_next_request_goes_straight_to_the_other()
    {
        await using var cohere = await LoopbackUpstream.StartAsync();
        await using var jina = await LoopbackUpstream.StartAsync();
        cohere.EnqueueJson("""{"message":"service unavailable"}""", 503);
        jina.EnqueueJson("""{"results":[{"index":0,"relevance_score":0.9}]}""").EnqueueJson("""{"results":[{"index":0,"relevance_score":0.8}]}""");
        using var mesh = BuildMesh(cohere, jina);

        await mesh.Rerank.CreateAsync(new RerankRequest { Model = "reranking", Query = "q", Documents = ["a"] }).WaitAsync(Bound);
        var second = await mesh.Rerank.CreateAsync(new RerankRequest { Model = "reranking", Query = "q", Documents = ["a"] }).WaitAsync(Bound);

        Assert.Equal(0.8, second.Results[0].RelevanceScore);
        Assert.Single(cohere.Requests);
        Assert.Equal(2, jina.Requests.Count);
    }

    [Fact]
    public async Task A_chat_pool_does_not_take_rerank_requests_and_a_rerank_pool_does_not_take_chat()
    {
        await using var cohere = await LoopbackUpstream.StartAsync();
        await using var jina = await LoopbackUpstream.StartAsync();
        await using var chat = await LoopbackUpstream.StartAsync();
        using var mesh = new MeshBuilder()
            .AddProvider(Cohere(cohere)).AddProvider(Jina(jina))
            .AddProvider(new OpenAICompatibleProvider(new ProviderOptions("b", chat.BaseUrl) { ApiKey = "sk-b-0123456789" }))
            .AddModels(RerankModels().Append(MeshFixture.Model("b")).ToArray())
            .AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion" })
            .AddPool(new PoolDefinition { Id = "rerankers", Capability = "reranking" })
            .Build();

        var notServed = await Assert.ThrowsAsync<OperationNotServedException>(() => mesh.Rerank.CreateAsync(new RerankRequest { Model = "chat", Query = "q", Documents = ["a"] }));
        await Assert.ThrowsAsync<OperationNotServedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "rerankers")));

        Assert.Contains("rerankers", notServed.Message, StringComparison.Ordinal);
        Assert.Empty(cohere.Requests.Concat(jina.Requests).Concat(chat.Requests));
    }

    [Theory]
    [InlineData("", "a", null, "'query'")]
    [InlineData("q", null, null, "'documents'")]
    [InlineData("q", "a", 0, "'top_n'")]
    public async Task An_invalid_request_is_refused_naming_what_is_wrong(string query, string? document, int? topN, string named)
    {
        await using var cohere = await LoopbackUpstream.StartAsync();
        await using var jina = await LoopbackUpstream.StartAsync();
        using var mesh = BuildMesh(cohere, jina);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => mesh.Rerank.CreateAsync(new RerankRequest { Model = "reranking", Query = query, Documents = document is null ? [] : [document], TopN = topN }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_without_rerank_hooks_says_so_before_sending_anything()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = new OpenAICompatibleProvider(new ProviderOptions("plain", upstream.BaseUrl) { ApiKey = "sk-plain-0123456789" });

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => provider.RerankAsync(new RerankRequest { Model = "m", Query = "q", Documents = ["a"] }));
        await Assert.ThrowsAsync<NotSupportedException>(() => provider.SearchAsync(new SearchRequest { Model = "m", Query = "q" }));

        Assert.Contains("'plain'", error.Message, StringComparison.Ordinal);
        Assert.Empty(upstream.Requests);
    }

    [Fact]
    public void Retrieval_hooks_follow_the_existing_ones_in_order()
    {
        var hooks = Enum.GetValues<ProviderHook>().ToList();
        var first = hooks.IndexOf(ProviderHook.GetRerankEndpoint);

        Assert.True(first > hooks.IndexOf(ProviderHook.ParseTranscriptionResponse));
        Assert.Equal(
            [ProviderHook.GetRerankEndpoint, ProviderHook.BuildRerankPayload, ProviderHook.ParseRerankResponse,
             ProviderHook.GetSearchEndpoint, ProviderHook.BuildSearchPayload, ProviderHook.ParseSearchResponse],
            hooks.Skip(first).Take(6));
    }

    private static CohereProvider Cohere(LoopbackUpstream upstream) =>
        new(new ProviderOptions("cohere", upstream.BaseUrl) { ApiKey = "co-SECRET-0123456789", RequestTimeout = TimeSpan.FromSeconds(10) });

    private static JinaProvider Jina(LoopbackUpstream upstream) =>
        new(new ProviderOptions("jina", upstream.BaseUrl) { ApiKey = "jina_SECRET_0123456789", RequestTimeout = TimeSpan.FromSeconds(10) });

    private static ModelDefinition[] RerankModels() =>
    [
        new() { Id = "cohere.rerank-v3.5", ProviderId = "cohere", UpstreamModel = "rerank-v3.5", Capabilities = ["reranking"] },
        new() { Id = "jina.jina-reranker-v2-base-multilingual", ProviderId = "jina", Capabilities = ["reranking"] },
    ];

    private static MeshClient BuildMesh(LoopbackUpstream cohere, LoopbackUpstream jina) => new MeshBuilder()
        .AddProvider(Cohere(cohere))
        .AddProvider(Jina(jina))
        .AddModels(RerankModels())
        .AddPool(new PoolDefinition
        {
            Id = "rerank",
            Capability = "reranking",
            Strategy = RotationStrategies.StickUntilFailure,
            Retry = MeshFixture.FastRetry with { MaxAttempts = 1 },
        })
        .Build();
}
