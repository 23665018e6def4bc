using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Scrape;

/// <summary>The scrape connectors named in a configuration file load and answer through <c>client.Scrape</c>.</summary>
public sealed class ScrapeConfigTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly string _dir = Directory.CreateTempSubdirectory("modelmesh-scrape-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Firecrawl_and_the_Jina_reader_named_in_a_config_file_serve_a_content_extraction_pool()
    {
        await using var firecrawl = await LoopbackUpstream.StartAsync();
        await using var jina = await LoopbackUpstream.StartAsync();
        firecrawl.EnqueueJson("""{"success":true,"data":{"markdown":"# From Firecrawl","metadata":{"title":"F","sourceURL":"https://example.com/a","statusCode":200}}}""");
        firecrawl.EnqueueJson("""{"success":false,"error":"Service Unavailable"}""", 503);
        jina.EnqueueJson("""{"code":200,"status":20000,"data":{"title":"J","url":"https://example.com/b","content":"# From Jina"}}""");
        var path = Path.Combine(_dir, "modelmesh.yaml");
        File.WriteAllText(path, $$"""
            secrets: { store: modelmesh.env.v1 }
            providers:
              firecrawl:
                connector: firecrawl.scrape.v1
                config: { api_key: "${secrets:FIRECRAWL_API_KEY}", base_url: "{{firecrawl.BaseUrl}}" }
              jina:
                connector: jina.ai.v1
                config: { api_key: "${secrets:JINA_API_KEY}", reader_base_url: "{{jina.BaseUrl}}" }
            pools:
              pages:
                capability: understanding.document-understanding.content-extraction
                strategy: modelmesh.priority-selection.v1
                model_priority: [firecrawl.firecrawl-scrape, jina.jina-reader]
                retry: { max_attempts: 1, initial_delay: 5ms }
            """);
        using var mesh = Mesh.FromConfig(path, new MeshConfigOptions
        {
            Environment = name => name switch { "FIRECRAWL_API_KEY" => "fc-from-env-0123456789", "JINA_API_KEY" => "jina-from-env-0123456789", _ => null },
        });

        var first = await mesh.Scrape.CreateAsync(new ScrapeRequest { Model = "pages", Url = "https://example.com/a" }).WaitAsync(Bound);
        var second = await mesh.Scrape.CreateAsync(new ScrapeRequest { Model = "pages", Url = "https://example.com/b" }).WaitAsync(Bound);

        Assert.Equal(("# From Firecrawl", "F", 200), (first.Markdown, first.Title, first.StatusCode));
        Assert.Equal(("# From Jina", "J", "https://example.com/b"), (second.Markdown, second.Title, second.Url));
        Assert.Equal("Bearer fc-from-env-0123456789", firecrawl.Requests[0].Header("Authorization"));
        Assert.Equal("Bearer jina-from-env-0123456789", Assert.Single(jina.Requests).Header("Authorization"));
        Assert.Equal("/https://example.com/b", jina.Requests[0].Uri.AbsolutePath);
    }
}
