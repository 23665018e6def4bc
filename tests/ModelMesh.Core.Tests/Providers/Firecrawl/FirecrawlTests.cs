using ModelMesh.Cdk;
using ModelMesh.Providers.Firecrawl;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Firecrawl;

public sealed class FirecrawlTests
{
    private const string ApiKey = "fc-SECRET-0a1b2c3d4e5f";

    private const string Page = """
        {"success":true,"data":{"markdown":"# Example Domain\n\nThis domain is for use in examples.","metadata":{"title":"Example Domain","description":"An example page","language":"en","sourceURL":"https://example.com/page","url":"https://example.com/page/","statusCode":200,"scrapeId":"0b3c"}}}
        """;

    [Fact]
    public async Task Scrape_posts_v1_scrape_for_markdown_with_a_bearer_key_and_maps_the_page_and_its_metadata()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson(Page);

        var response = await provider.ScrapeAsync(new ScrapeRequest { Model = "firecrawl-scrape", Url = "https://example.com/page", OnlyMainContent = true });

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/scrape", sent.Uri.AbsolutePath);
        Assert.Equal("Bearer " + ApiKey, sent.Header("Authorization"));
        Assert.DoesNotContain(ApiKey, sent.Uri.ToString(), StringComparison.Ordinal);
        Assert.Equal("""{"url":"https://example.com/page","formats":["markdown"],"onlyMainContent":true}""", sent.Body);
        Assert.Equal("firecrawl-scrape", response.Model);
        Assert.Equal("https://example.com/page", response.Url);
        Assert.Equal("# Example Domain\n\nThis domain is for use in examples.", response.Markdown);
        Assert.Equal(("Example Domain", "An example page", 200), (response.Title, response.Description, response.StatusCode));
    }

    [Fact]
    public async Task Unset_options_are_left_out_and_a_title_sent_as_a_list_is_its_first_entry()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("""{"success":true,"data":{"markdown":"gone","metadata":{"title":["First","Second"],"statusCode":404}}}""");

        var response = await provider.ScrapeAsync(new ScrapeRequest { Model = "firecrawl-crawl", Url = "https://example.com/missing" });

        Assert.Equal("""{"url":"https://example.com/missing","formats":["markdown"]}""", Assert.Single(upstream.Requests).Body);
        Assert.Equal("First", response.Title);
        Assert.Null(response.Description);
        Assert.Equal(404, response.StatusCode); // the page's status: Firecrawl read it, so the call succeeded
        Assert.Equal("https://example.com/missing", response.Url);
    }

    [Theory]
    [InlineData(402, """{"success":false,"error":"Payment Required: Failed to bill team. Insufficient credits."}""", ProviderErrorCategory.QuotaExhausted, false)]
    [InlineData(429, """{"success":false,"error":"Rate limit exceeded. Consumed (req/min): 11, Remaining (req/min): 0."}""", ProviderErrorCategory.RateLimit, true)]
    [InlineData(408, """{"success":false,"error":"Request timed out"}""", ProviderErrorCategory.Timeout, true)]
    [InlineData(500, """{"success":false,"error":"(Internal server error) - All scraping engines failed!"}""", ProviderErrorCategory.Server, true)]
    [InlineData(401, """{"success":false,"error":"Unauthorized: Invalid token"}""", ProviderErrorCategory.Authentication, false)]
    public async Task Errors_are_classified_by_status_with_Firecrawls_error_as_the_message(int status, string body, ProviderErrorCategory category, bool retryable)
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson(body, status, status == 429 ? new Dictionary<string, string> { ["Retry-After"] = "7" } : null);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.ScrapeAsync(new ScrapeRequest { Model = "firecrawl-scrape", Url = "https://example.com/" }));

        Assert.Equal(category, error.Category);
        Assert.Equal(retryable, error.IsRetryable);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains(body.Split("\"error\":\"")[1][..12], error.Message, StringComparison.Ordinal);
        Assert.Equal(status == 429 ? TimeSpan.FromSeconds(7) : null, error.RetryAfter);
    }

    [Fact]
    public async Task Success_false_with_a_success_status_is_an_error_and_the_key_is_never_echoed()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("{\"success\":false,\"error\":\"token " + ApiKey + " cannot scrape this site\"}");

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.ScrapeAsync(new ScrapeRequest { Model = "firecrawl-scrape", Url = "https://example.com/" }));

        Assert.Contains("cannot scrape this site", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_success_without_markdown_is_an_unusable_response_not_an_empty_page()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("""{"success":true,"data":{"metadata":{"statusCode":200}}}""");

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.ScrapeAsync(new ScrapeRequest { Model = "firecrawl-scrape", Url = "https://example.com/" }));

        Assert.Contains("data.markdown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_knows_the_connector_and_its_per_page_prices()
    {
        var connector = ConnectorRegistry.Get("firecrawl.scrape.v1");

        Assert.Equal("FIRECRAWL_API_KEY", connector.ApiKeyEnv);
        Assert.Equal(new Uri("https://api.firecrawl.dev"), connector.DefaultBaseUrl);
        Assert.Equal(["firecrawl.firecrawl-scrape", "firecrawl.firecrawl-crawl"], connector.Catalogue.Select(m => m.Id));
        Assert.All(connector.Catalogue, m =>
        {
            Assert.True(m.Serves("content-extraction"));
            Assert.Equal(0.00083m, m.Pricing!.PerRequest);
        });
    }

    private static FirecrawlProvider Create(LoopbackUpstream upstream) =>
        new(new ProviderOptions("firecrawl", upstream.BaseUrl) { ApiKey = ApiKey, RequestTimeout = TimeSpan.FromSeconds(10) });
}
