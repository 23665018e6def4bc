using ModelMesh.Cdk;
using ModelMesh.Providers.Jina;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Jina;

public sealed class JinaTests
{
    private const string ApiKey = "jina_SECRET_7f3e2d1c0b9a";

    [Fact]
    public async Task Embeddings_are_OpenAI_shaped_at_v1_embeddings_with_a_bearer_key()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("""{"model":"jina-embeddings-v3","object":"list","usage":{"total_tokens":4,"prompt_tokens":4},"data":[{"object":"embedding","index":0,"embedding":[0.25,-0.5]}]}""");

        var response = await provider.EmbedAsync(new EmbeddingRequest { Model = "jina-embeddings-v3", Input = "hello", Dimensions = 2 });

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/embeddings", sent.Uri.AbsolutePath);
        Assert.Equal("Bearer " + ApiKey, sent.Header("Authorization"));
        Assert.Equal("""{"model":"jina-embeddings-v3","input":"hello","dimensions":2}""", sent.Body);
        Assert.Equal([0.25f, -0.5f], response.Data[0].Vector.Values);
        Assert.Equal(4, response.Usage!.PromptTokens);
    }

    [Fact]
    public async Task Rerank_posts_v1_rerank_and_reads_scores_documents_and_tokens()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("""{"model":"jina-reranker-v2-base-multilingual","usage":{"total_tokens":38},"results":[{"index":1,"document":{"text":"Organic skincare"},"relevance_score":0.8783},{"index":0,"document":{"text":"Bio shampoo"},"relevance_score":0.1},{"index":2,"relevance_score":0.01}]}""");

        var response = await provider.RerankAsync(new RerankRequest { Model = "jina-reranker-v2-base-multilingual", Query = "organic", Documents = ["Bio shampoo", "Organic skincare", "Cars"], TopN = 3, ReturnDocuments = true });

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/rerank", sent.Uri.AbsolutePath);
        Assert.Equal("""{"model":"jina-reranker-v2-base-multilingual","query":"organic","documents":["Bio shampoo","Organic skincare","Cars"],"top_n":3,"return_documents":true}""", sent.Body);
        Assert.Equal([1, 0, 2], response.Results.Select(r => r.Index));
        Assert.Equal(0.8783, response.Results[0].RelevanceScore);
        Assert.Equal(["Organic skincare", "Bio shampoo", "Cars"], response.Results.Select(r => r.Document));
        Assert.Equal(38, response.Usage!.TotalTokens);
    }

    [Fact]
    public async Task An_unauthorized_key_is_an_authentication_failure_that_does_not_echo_the_key()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("{\"detail\":\"Invalid API key " + ApiKey + "\"}", 401);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.RerankAsync(new RerankRequest { Model = "jina-reranker-v2-base-multilingual", Query = "q", Documents = ["a"] }));

        Assert.Equal(ProviderErrorCategory.Authentication, error.Category);
        Assert.False(error.IsRetryable);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_knows_the_connector_and_its_catalogue()
    {
        var connector = ConnectorRegistry.Get("jina.ai.v1");

        Assert.Equal("JINA_API_KEY", connector.ApiKeyEnv);
        Assert.Equal(new Uri("https://api.jina.ai"), connector.DefaultBaseUrl);
        Assert.True(connector.Catalogue.Single(m => m.Id == "jina.jina-embeddings-v3").Serves("text-embeddings"));
        Assert.True(connector.Catalogue.Single(m => m.Id == "jina.jina-reranker-v2-base-multilingual").Serves("reranking"));
    }

    private static JinaProvider Create(LoopbackUpstream upstream) =>
        new(new ProviderOptions("jina", upstream.BaseUrl) { ApiKey = ApiKey, RequestTimeout = TimeSpan.FromSeconds(10) });
}
