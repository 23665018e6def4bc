using ModelMesh;
using ModelMesh.Cdk;
using ModelMesh.Generators.Tests.Connectors;
using ModelMesh.Testing;

namespace ModelMesh.Generators.Tests.Runtime;

/// <summary>The generated rerank and search hook overrides, run against a real loopback upstream.</summary>
public sealed class RetrievalHookTests
{
    [Fact]
    public async Task Rerank_hooks_write_and_read_wire_records_with_the_request()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""{"ranked":[{"at":1,"s":0.75},{"at":0,"s":0.25}]}""");
        using var provider = new RetrievalProvider(new ProviderOptions("r", upstream.BaseUrl) { ApiKey = "k-1" });

        var response = await provider.RerankAsync(new RerankRequest { Model = "ranker", Query = "q", Documents = ["a", "b"], TopN = 2 });

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/rank/ranker", sent.Uri.AbsolutePath);
        Assert.Equal("""{"q":"q","docs":["a","b"],"limit":2}""", sent.Body);
        Assert.Equal([1, 0], response.Results.Select(r => r.Index));
        Assert.Equal([0.75, 0.25], response.Results.Select(r => r.RelevanceScore));
        Assert.Equal("ranker", response.Model);
    }

    [Fact]
    public async Task Search_hooks_take_the_writer_and_the_raw_body()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""{"hits":1}""");
        using var provider = new RetrievalProvider(new ProviderOptions("r", upstream.BaseUrl) { ApiKey = "k-1" });

        var response = await provider.SearchAsync(new SearchRequest { Model = "finder", Query = "where" });

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/find", sent.Uri.AbsolutePath);
        Assert.Equal("""{"terms":"where"}""", sent.Body);
        Assert.Equal("""{"hits":1}""", Assert.Single(response.Results).Snippet);
    }

    [Fact]
    public void The_catalogue_prices_retrieval_models_per_request()
    {
        var connector = ConnectorRegistry.Get("retrieval.test.v1");

        Assert.Equal(0.001m, connector.Catalogue.Single(m => m.Id == "retrieval.ranker").Pricing!.PerRequest);
        Assert.True(connector.Catalogue.Single(m => m.Id == "retrieval.finder").Serves("web-search"));
    }
}
