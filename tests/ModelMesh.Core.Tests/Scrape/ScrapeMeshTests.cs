using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Providers.Firecrawl;
using ModelMesh.Providers.Jina;
using ModelMesh.Providers.Tavily;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Scrape;

public sealed class ScrapeMeshTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private const string JinaPage = """{"code":200,"status":20000,"data":{"title":"T","description":"","url":"https://example.com/","content":"# T\n\nBody."}}""";

    [Fact]
    public async Task A_503_from_Firecrawl_fails_over_to_Jina_Reader_and_the_page_is_billed_to_the_reader()
    {
        await using var firecrawl = await LoopbackUpstream.StartAsync();
        await using var jina = await LoopbackUpstream.StartAsync();
        firecrawl.EnqueueJson("""{"success":false,"error":"Service Unavailable"}""", 503);
        jina.EnqueueJson(JinaPage);
        using var mesh = BuildMesh(firecrawl, jina, includeChatReader: false);
        var outcome = new RoutingOutcome();

        var page = await mesh.Scrape.CreateAsync(new ScrapeRequest { Model = "content-extraction", Url = "https://example.com/" }, outcome).WaitAsync(Bound);

        Assert.Equal("# T\n\nBody.", page.Markdown);
        Assert.Equal("T", page.Title);
        Assert.Single(firecrawl.Requests);
        Assert.Equal("/https://example.com/", Assert.Single(jina.Requests).Uri.AbsolutePath);
        Assert.Equal("jina.jina-reader", outcome.ModelId);
        Assert.Equal("readers", outcome.PoolId);
        Assert.Equal(0m, mesh.Usage.TotalCost); // Firecrawl failed, so its per-page price is not charged; the reader is free here
    }

    [Fact]
    public async Task Firecrawl_answering_first_is_charged_its_per_page_price()
    {
        await using var firecrawl = await LoopbackUpstream.StartAsync();
        await using var jina = await LoopbackUpstream.StartAsync();
        firecrawl.EnqueueJson("""{"success":true,"data":{"markdown":"hi","metadata":{"statusCode":200}}}""");
        using var mesh = BuildMesh(firecrawl, jina, includeChatReader: false);

        var page = await mesh.Scrape.CreateAsync(new ScrapeRequest { Model = "readers", Url = "https://example.com/" }).WaitAsync(Bound);

        Assert.Equal("hi", page.Markdown);
        Assert.Empty(jina.Requests);
        Assert.Equal(0.00083m, mesh.Usage.TotalCost);
    }

    [Fact]
    public async Task A_chat_model_that_lists_content_extraction_answers_chat_not_a_scrape()
    {
        await using var firecrawl = await LoopbackUpstream.StartAsync();
        await using var jina = await LoopbackUpstream.StartAsync();
        firecrawl.EnqueueJson("""{"success":false,"error":"Service Unavailable"}""", 503);
        using var mesh = BuildMesh(firecrawl, jina, includeChatReader: true);

        await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Scrape.CreateAsync(new ScrapeRequest { Model = "content-extraction", Url = "https://example.com/" })).WaitAsync(Bound);

        Assert.Empty(jina.Requests); // the pool holds Firecrawl and the chat model only
    }

    [Theory]
    [InlineData("", "has no 'url'")]
    [InlineData("   ", "has no 'url'")]
    [InlineData("example.com/page", "not an absolute address")]
    [InlineData("ftp://example.com/file", "scheme 'ftp'")]
    [InlineData("file:///etc/passwd", "scheme 'file'")]
    public async Task An_invalid_url_is_refused_naming_what_is_wrong_before_anything_is_sent(string url, string named)
    {
        await using var firecrawl = await LoopbackUpstream.StartAsync();
        await using var jina = await LoopbackUpstream.StartAsync();
        using var mesh = BuildMesh(firecrawl, jina, includeChatReader: false);
        using var provider = new FirecrawlProvider(new ProviderOptions("firecrawl", firecrawl.BaseUrl) { ApiKey = "fc-k" });

        var routed = await Assert.ThrowsAsync<ArgumentException>(() => mesh.Scrape.CreateAsync(new ScrapeRequest { Model = "content-extraction", Url = url }));
        var direct = await Assert.ThrowsAsync<ArgumentException>(() => provider.ScrapeAsync(new ScrapeRequest { Model = "firecrawl-scrape", Url = url }));

        Assert.Contains(named, routed.Message, StringComparison.Ordinal);
        Assert.Contains(named, direct.Message, StringComparison.Ordinal);
        Assert.Empty(firecrawl.Requests);
        Assert.Empty(jina.Requests);
    }

    [Fact]
    public async Task A_provider_whose_connector_has_no_scrape_hooks_refuses_before_sending()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var tavily = new TavilyProvider(new ProviderOptions("tavily", upstream.BaseUrl) { ApiKey = "tvly-k" });

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => tavily.ScrapeAsync(new ScrapeRequest { Model = "tavily-search", Url = "https://example.com/" }));

        Assert.Contains("does not serve scraping", error.Message, StringComparison.Ordinal);
        Assert.Empty(upstream.Requests);
    }

    private static MeshClient BuildMesh(LoopbackUpstream firecrawl, LoopbackUpstream jina, bool includeChatReader)
    {
        var builder = new MeshBuilder()
            .AddProvider(new FirecrawlProvider(new ProviderOptions("firecrawl", firecrawl.BaseUrl) { ApiKey = "fc-SECRET-0123456789", RequestTimeout = TimeSpan.FromSeconds(10) }))
            .AddProvider(new JinaProvider(new ProviderOptions("jina", jina.BaseUrl)
            {
                ApiKey = "jina_SECRET_0123456789",
                RequestTimeout = TimeSpan.FromSeconds(10),
                Settings = ConnectorSettings.Parse("reader_base_url: \"" + jina.BaseUrl + "\""),
            }))
            .AddModels(new ModelDefinition { Id = "firecrawl.firecrawl-scrape", ProviderId = "firecrawl", Capabilities = ["content-extraction"], Pricing = new ModelPricing(0m, 0m, 0.00083m) });
        builder.AddModels(includeChatReader
            // A chat model that can read documents, on the Jina upstream: it must get no scrape call.
            ? new ModelDefinition { Id = "jina.chat-reader", ProviderId = "jina", Capabilities = ["chat-completion", "content-extraction"] }
            : new ModelDefinition { Id = "jina.jina-reader", ProviderId = "jina", UpstreamModel = "jina-reader", Capabilities = ["content-extraction"] });
        var pool = new PoolDefinition { Id = "readers", Capability = "content-extraction", Strategy = RotationStrategies.StickUntilFailure, Retry = MeshFixture.FastRetry with { MaxAttempts = 1 } };
        return builder.AddPool(pool).Build();
    }
}
