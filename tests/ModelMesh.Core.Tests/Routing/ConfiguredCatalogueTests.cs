using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>
/// A provider the configuration lists no models for contributes its connector's catalogue (built-in defaults or a
/// registered connector's [ModelInfo] models) as <c>&lt;providerId&gt;.&lt;model&gt;</c>; a pool left with no model
/// is a load error at the pool.
/// </summary>
public sealed class ConfiguredCatalogueTests
{
    private const string CatalogueConnector = "test.catalogue.v1";

    static ConfiguredCatalogueTests()
    {
        // As a generated connector registers itself: its [ModelInfo] models are ids "<vendor>.<model>".
        ConnectorRegistry.Register(new ProviderConnector
        {
            Id = CatalogueConnector,
            Vendor = "test-catalogue",
            RequiresApiKey = false,
            Catalogue =
            [
                new ModelDefinition { Id = "test-catalogue.small", ProviderId = "test-catalogue", Capabilities = ["chat-completion"] },
                new ModelDefinition { Id = "test-catalogue.embed", ProviderId = "test-catalogue", Capabilities = ["text-embeddings"] },
            ],
            Create = (options, http) => new OpenAICompatibleProvider(options, http),
        });
    }

    private static MeshConfigOptions Options() => new() { Environment = _ => null, ReloadOnChange = false };

    private static MeshClient Load(string yaml) => Mesh.FromConfiguration(MeshConfiguration.Parse(yaml, "mesh.yaml", new ConfigurationLoadOptions { Environment = _ => null }), Options());

    private static string[] Members(MeshClient mesh, string pool) => mesh.PoolStatus(pool).Models.Select(m => m.ModelId).ToArray();

    [Fact]
    public async Task A_provider_without_models_contributes_its_connectors_catalogue_under_its_own_id()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx.AlwaysAnswer("a");
        using var mesh = Load($$"""
            providers:
              work: { connector: openai.llm.v1, config: { api_key: sk-test-0123456789, base_url: "{{fx["a"].BaseUrl}}" } }
            pools:
              chat: { capability: chat-completion }
              embeddings: { capability: text-embeddings }
            """);

        Assert.Equal(["work.gpt-4o", "work.gpt-4o-mini", "work.gpt-4.1", "work.gpt-4.1-mini"], Members(mesh, "chat"));
        Assert.Equal(["work.text-embedding-3-small", "work.text-embedding-3-large"], Members(mesh, "embeddings"));
        Assert.Equal("from a", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.Contains("\"model\":\"gpt-4o\"", fx["a"].Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registered_connectors_catalogue_counts_like_a_built_in_one()
    {
        using var mesh = Load($$"""
            providers:
              mine: { connector: {{CatalogueConnector}}, config: { base_url: "http://127.0.0.1:9" } }
            pools:
              chat: { capability: chat-completion }
            """);

        Assert.Equal(["mine.small"], Members(mesh, "chat"));
    }

    [Fact]
    public void Listing_models_for_a_provider_suppresses_its_catalogue()
    {
        using var mesh = Load($$"""
            providers:
              ollama: { connector: ollama.local.v1, config: { base_url: "http://127.0.0.1:9" } }
              mine: { connector: {{CatalogueConnector}}, config: { base_url: "http://127.0.0.1:9" } }
            models:
              ollama.mine: { provider: ollama, model: mine-7b, capabilities: [chat-completion] }
            pools:
              chat: { capability: chat-completion }
            """);

        Assert.Equal(["ollama.mine", "mine.small"], Members(mesh, "chat")); // no ollama.llama3 from the catalogue
    }

    [Fact]
    public async Task A_pool_can_name_catalogue_models()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx.AlwaysAnswer("a");
        using var mesh = Load($$"""
            providers:
              work: { connector: openai.llm.v1, config: { api_key: sk-test-0123456789, base_url: "{{fx["a"].BaseUrl}}" } }
            pools:
              chat: { capability: chat-completion, strategy: priority-selection, model_priority: [work.gpt-4o-mini] }
            """);

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Contains("\"model\":\"gpt-4o-mini\"", fx["a"].Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_left_with_no_model_is_a_load_error_at_the_pool_that_says_what_was_considered()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("""
            providers:
              local: { connector: openai-compatible, config: { base_url: "http://127.0.0.1:9" } }
              off: { connector: openai.llm.v1, enabled: false }
              mine: { connector: test.catalogue.v1, config: { base_url: "http://127.0.0.1:9" } }
            models:
              off.gpt-4o: { provider: off, capabilities: [chat-completion] }
            pools:
              speech: { capability: text-to-speech }
            """));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("pools.speech", problem.Location.KeyPath);
        Assert.Equal(8, problem.Location.Line);
        Assert.Contains("Pool 'speech' has no model", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'generation.audio-generation.text-to-speech'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("provider 'local' (connector 'openai-compatible'): no models listed, and the connector has no catalogue", problem.Message, StringComparison.Ordinal);
        Assert.Contains("provider 'off' (connector 'openai.llm.v1'): disabled", problem.Message, StringComparison.Ordinal);
        Assert.Contains("provider 'mine' (connector 'test.catalogue.v1'): mine.small, mine.embed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_of_only_a_disabled_providers_models_is_a_load_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("""
            providers:
              off: { connector: openai-compatible, enabled: false }
            models:
              off.m: { provider: off, capabilities: [chat-completion] }
            pools:
              chat: { capability: chat-completion, models: [off.m] }
            """));

        Assert.Equal("pools.chat", Assert.Single(error.Problems).Location.KeyPath);
    }
}
