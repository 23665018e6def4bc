using Microsoft.Extensions.Configuration;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Search;

/// <summary>The rerank and search connector ids load from a configuration and answer through the typed clients.</summary>
public sealed class RetrievalConfigTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Jina_and_Tavily_named_in_a_configuration_serve_rerank_and_search_pools_by_capability()
    {
        await using var jina = await LoopbackUpstream.StartAsync();
        await using var tavily = await LoopbackUpstream.StartAsync();
        jina.EnqueueJson("""{"model":"jina-reranker-v2-base-multilingual","usage":{"total_tokens":9},"results":[{"index":1,"relevance_score":0.9},{"index":0,"relevance_score":0.2}]}""");
        tavily.EnqueueJson("""{"query":"q","results":[{"title":"T","url":"https://t.example/","content":"S","score":0.8}]}""");
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMesh:Providers:jina:Connector"] = "jina.ai.v1",
            ["ModelMesh:Providers:jina:ApiKey"] = "jina-key-123456",
            ["ModelMesh:Providers:jina:BaseUrl"] = jina.BaseUrl.ToString(),
            ["ModelMesh:Providers:tavily:Connector"] = "tavily.search.v1",
            ["ModelMesh:Providers:tavily:ApiKey"] = "tvly-key-123456",
            ["ModelMesh:Providers:tavily:BaseUrl"] = tavily.BaseUrl.ToString(),
            ["ModelMesh:Pools:rerankers:Capability"] = "reranking",
            ["ModelMesh:Pools:web:Capability"] = "web-search",
        }).Build().GetSection("ModelMesh");
        using var mesh = Mesh.FromConfiguration(section, new MeshConfigOptions { ReloadOnChange = false });

        var ranked = await mesh.Rerank.CreateAsync(new RerankRequest { Model = "rerankers", Query = "q", Documents = ["a", "b"] }).WaitAsync(Bound);
        var found = await mesh.Search.QueryAsync(new SearchRequest { Model = "web", Query = "q" }).WaitAsync(Bound);

        Assert.Equal([1, 0], ranked.Results.Select(r => r.Index));
        Assert.Equal("https://t.example/", Assert.Single(found.Results).Url);
        Assert.Equal("Bearer jina-key-123456", jina.Requests[0].Header("Authorization"));
        Assert.Contains("\"api_key\":\"tvly-key-123456\"", tavily.Requests[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("tvly-key", tavily.Requests[0].Uri.ToString(), StringComparison.Ordinal);
    }
}
