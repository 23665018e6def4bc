using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Providers.Cohere;

public sealed class CohereRerankTests
{
    [Fact]
    public async Task Rerank_posts_v2_rerank_and_reads_results_and_search_units()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueJson("""{"id":"r-1","results":[{"index":2,"relevance_score":0.98},{"index":0,"relevance_score":0.12}],"meta":{"api_version":{"version":"2"},"billed_units":{"search_units":1}}}""");

        var response = await provider.RerankAsync(new RerankRequest { Model = "rerank-v3.5", Query = "capital of France", Documents = ["Berlin", "Rome", "Paris"], TopN = 2, ReturnDocuments = true });

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/v2/rerank", sent.Uri.AbsolutePath);
        Assert.Equal("Bearer " + CohereWire.ApiKey, sent.Header("Authorization"));
        Assert.Equal("""{"model":"rerank-v3.5","query":"capital of France","documents":["Berlin","Rome","Paris"],"top_n":2}""", sent.Body);
        Assert.Equal([2, 0], response.Results.Select(r => r.Index));
        Assert.Equal([0.98, 0.12], response.Results.Select(r => r.RelevanceScore));
        Assert.Equal(["Paris", "Berlin"], response.Results.Select(r => r.Document)); // v2 sends none back: filled from the request
        Assert.Equal(1, response.Usage!.SearchUnits);
        Assert.Equal("rerank-v3.5", response.Model);
    }

    [Fact]
    public async Task A_result_index_outside_the_documents_is_a_provider_failure()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueJson("""{"results":[{"index":5,"relevance_score":0.5}]}""");

        await Assert.ThrowsAsync<ProviderException>(() => provider.RerankAsync(new RerankRequest { Model = "rerank-v3.5", Query = "q", Documents = ["a"] }));
    }

    [Fact]
    public async Task A_rate_limit_is_retryable_with_its_retry_after_and_the_key_is_not_echoed()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueJson("{\"message\":\"limit for key " + CohereWire.ApiKey + "\"}", 429, new Dictionary<string, string> { ["Retry-After"] = "7" });

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.RerankAsync(new RerankRequest { Model = "rerank-v3.5", Query = "q", Documents = ["a"] }));

        Assert.Equal(ProviderErrorCategory.RateLimit, error.Category);
        Assert.True(error.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.DoesNotContain(CohereWire.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalogue_lists_the_rerank_models_priced_per_search()
    {
        var connector = ConnectorRegistry.Get("cohere.nlp.v1");
        var rerank = connector.Catalogue.Single(m => m.Id == "cohere.rerank-v3.5");

        Assert.True(rerank.Serves("reranking"));
        Assert.Equal(0.002m, rerank.Pricing!.PerRequest);
        Assert.Contains(connector.Catalogue, m => m.Id == "cohere.rerank-english-v3.0" && m.Serves("reranking"));
    }
}
