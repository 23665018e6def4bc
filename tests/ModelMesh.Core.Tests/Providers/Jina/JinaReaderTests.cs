using System.Net;
using ModelMesh.Cdk;
using ModelMesh.Providers.Jina;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Jina;

public sealed class JinaReaderTests
{
    private const string ApiKey = "jina_SECRET_7f3e2d1c0b9a";

    private const string Page = """
        {"code":200,"status":20000,"data":{"title":"Example Domain","description":"An example page","url":"https://example.com/page","content":"This domain is for use in illustrative examples.","publishedTime":"2025-01-01","usage":{"tokens":12}}}
        """;

    [Fact]
    public async Task The_reader_is_a_GET_of_the_page_address_on_the_reader_host_asking_for_JSON_with_a_bearer_key()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson(Page);

        var response = await provider.ScrapeAsync(new ScrapeRequest { Model = "jina-reader", Url = "https://example.com/page" });

        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("GET", sent.Method);
        Assert.Equal("/https://example.com/page", sent.Uri.AbsolutePath);
        Assert.Null(sent.Body);
        Assert.Equal("application/json", sent.Header("Accept"));
        Assert.Equal("Bearer " + ApiKey, sent.Header("Authorization"));
        Assert.DoesNotContain(ApiKey, sent.Uri.ToString(), StringComparison.Ordinal);
        Assert.Equal("jina-reader", response.Model);
        Assert.Equal("https://example.com/page", response.Url);
        Assert.Equal("This domain is for use in illustrative examples.", response.Markdown);
        Assert.Equal(("Example Domain", "An example page"), (response.Title, response.Description));
        Assert.Null(response.StatusCode);
    }

    [Fact]
    public async Task Without_the_setting_pages_are_read_from_r_jina_ai_while_the_API_stays_on_its_base_URL()
    {
        var handler = new MockHttpHandler().RespondJson(Page).RespondJson("""{"model":"m","results":[]}""");
        using var provider = new JinaProvider(new ProviderOptions("jina", new Uri("https://api.jina.ai")) { ApiKey = ApiKey }, new HttpClient(handler));

        await provider.ScrapeAsync(new ScrapeRequest { Model = "jina-reader", Url = "https://example.com/a?b=1" });
        await provider.RerankAsync(new RerankRequest { Model = "m", Query = "q", Documents = ["d"] });

        Assert.Equal(["https://r.jina.ai/https://example.com/a?b=1", "https://api.jina.ai/v1/rerank"], handler.Requests.Select(r => r.Uri.ToString()));
    }

    [Theory]
    [InlineData("r.jina.ai")]
    [InlineData("ftp://r.jina.ai")]
    [InlineData("https://r.jina.ai/?x=1")]
    public void A_reader_base_url_that_is_not_an_http_address_is_refused_naming_the_setting(string value)
    {
        var settings = ConnectorSettings.Parse("reader_base_url: \"" + value + "\"", "modelmesh.yaml");

        var error = Assert.Throws<ConfigurationException>(() => new JinaProvider(new ProviderOptions("jina", new Uri("https://api.jina.ai")) { Settings = settings }));

        Assert.Contains("'reader_base_url'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_error_is_classified_by_its_status_and_does_not_echo_the_key()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("{\"data\":null,\"code\":422,\"name\":\"AssertionFailureError\",\"status\":42206,\"message\":\"Failed to goto https://example.invalid/ with " + ApiKey + "\",\"readableMessage\":\"AssertionFailureError: Failed to goto\"}", 422);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.ScrapeAsync(new ScrapeRequest { Model = "jina-reader", Url = "https://example.invalid/" }));

        Assert.Equal(ProviderErrorCategory.Client, error.Category);
        Assert.False(error.IsRetryable);
        Assert.Contains("Failed to goto", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_with_an_error_code_and_no_page_is_an_error_even_with_a_success_status()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        using var provider = Create(upstream);
        upstream.EnqueueJson("""{"data":null,"code":503,"name":"ServiceUnavailableError","status":50301,"message":"The reader is overloaded"}""");

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.ScrapeAsync(new ScrapeRequest { Model = "jina-reader", Url = "https://example.com/" }));

        Assert.True(error.IsRetryable);
        Assert.Contains("overloaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalogue_has_the_reader_serving_content_extraction_and_the_setting_key()
    {
        var connector = ConnectorRegistry.Get("jina.ai.v1");

        var reader = connector.Catalogue.Single(m => m.Id == "jina.jina-reader");
        Assert.True(reader.Serves("content-extraction"));
        Assert.True(reader.Serves("understanding.document-understanding.content-extraction"));
        Assert.True(reader.Pricing!.OutputPer1K > 0m);
        Assert.Contains("reader_base_url", connector.SettingKeys);
    }

    /// <summary>The reader and the API both on the fake: the reader through its setting, as a test or a proxy would.</summary>
    private static JinaProvider Create(LoopbackUpstream upstream) =>
        new(new ProviderOptions("jina", upstream.BaseUrl)
        {
            ApiKey = ApiKey,
            RequestTimeout = TimeSpan.FromSeconds(10),
            Settings = ConnectorSettings.Parse("reader_base_url: \"" + upstream.BaseUrl + "\""),
        });
}
