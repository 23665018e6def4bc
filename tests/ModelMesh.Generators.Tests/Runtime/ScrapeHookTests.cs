using ModelMesh;
using ModelMesh.Cdk;
using ModelMesh.Generators.Tests.Connectors;
using ModelMesh.Testing;

namespace ModelMesh.Generators.Tests.Runtime;

/// <summary>The generated scrape hook overrides, run against a real loopback upstream.</summary>
public sealed class ScrapeHookTests
{
    [Fact]
    public async Task A_GET_scrape_sends_no_body_and_the_address_in_the_endpoint()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("\"page\"");
        using var provider = new ScrapeProvider(new ProviderOptions("s", upstream.BaseUrl) { ApiKey = "k-1" });

        var response = await provider.ScrapeAsync(new ScrapeRequest { Model = "reader", Url = "https://example.com/x" });

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("GET", sent.Method);
        Assert.Equal("/read/https://example.com/x", sent.Uri.AbsolutePath);
        Assert.Null(sent.Body);
        Assert.Equal("\"page\"", response.Markdown);
        Assert.Equal("reader", response.Model);
    }

    [Fact]
    public async Task A_POST_scrape_writes_the_wire_record()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("{}");
        using var provider = new ScrapeProvider(new ProviderOptions("s", upstream.BaseUrl) { ApiKey = "k-1" });

        await provider.ScrapeAsync(new ScrapeRequest { Model = "reader", Url = "https://example.com/x", OnlyMainContent = true });

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/read", sent.Uri.AbsolutePath);
        Assert.Equal("""{"address":"https://example.com/x","main":true}""", sent.Body);
    }

    [Fact]
    public void The_catalogue_prices_the_reader_per_request_under_content_extraction()
    {
        var reader = ConnectorRegistry.Get("scrape.test.v1").Catalogue.Single();

        Assert.Equal("scrape.reader", reader.Id);
        Assert.True(reader.Serves("understanding.document-understanding.content-extraction"));
        Assert.Equal(0.001m, reader.Pricing!.PerRequest);
    }
}
