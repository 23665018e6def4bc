using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Providers.Cohere;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Cohere;

public sealed class CohereEmbedAndMeshTests
{
    [Fact]
    public async Task Embed_asks_for_float_vectors_of_search_documents_and_reads_billed_units()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueJson("""{"id":"e-1","embeddings":{"float":[[0.016296387,-0.008354187],[0.5,0.25]]},"texts":["a","b"],"meta":{"api_version":{"version":"2"},"billed_units":{"input_tokens":2}},"response_type":"embeddings_by_type"}""");
        upstream.EnqueueJson("""{"id":"e-2","embeddings":{"float":[[1,2]]},"meta":{"billed_units":{"input_tokens":1}}}""");

        var response = await provider.EmbedAsync(new EmbeddingRequest { Model = "embed-v4.0", Input = EmbeddingInput.FromTexts(["a", "b"]), Dimensions = 256 });
        await provider.EmbedAsync(new EmbeddingRequest
        {
            Model = "embed-v4.0",
            Input = "what is x?",
            AdditionalProperties = new() { ["input_type"] = JsonDocument.Parse("\"search_query\"").RootElement.Clone(), ["truncate"] = JsonDocument.Parse("\"END\"").RootElement.Clone() },
        });

        Assert.Equal("/v2/embed", upstream.Requests[0].Uri.AbsolutePath);
        Assert.Equal("""{"model":"embed-v4.0","texts":["a","b"],"input_type":"search_document","embedding_types":["float"],"output_dimension":256}""", upstream.Requests[0].Body);
        Assert.Equal("""{"model":"embed-v4.0","texts":["what is x?"],"input_type":"search_query","embedding_types":["float"],"truncate":"END"}""", upstream.Requests[1].Body);
        Assert.Equal([0.016296387f, -0.008354187f], response.Data[0].Vector.Values);
        Assert.Equal([0, 1], response.Data.Select(d => d.Index));
        Assert.Equal(2, response.Usage!.PromptTokens);
    }

    [Fact]
    public async Task Models_are_listed_from_v1_models()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueJson("""{"models":[{"name":"command-a-03-2025","endpoints":["chat"],"context_length":256000},{"name":"embed-v4.0","endpoints":["embed"]}],"next_page_token":null}""");

        var list = await provider.ListModelsAsync();

        Assert.Equal("/v1/models", Assert.Single(upstream.Requests).Uri.AbsolutePath);
        Assert.Equal(["command-a-03-2025", "embed-v4.0"], list.Data.Select(m => m.Id));
    }

    [Fact]
    public void The_registry_knows_the_connector_its_key_variable_and_its_catalogue()
    {
        var connector = ConnectorRegistry.Get("cohere.nlp.v1");

        Assert.True(connector.RequiresApiKey);
        Assert.Equal("COHERE_API_KEY", connector.ApiKeyEnv);
        Assert.Equal(new Uri("https://api.cohere.com"), connector.DefaultBaseUrl);
        var command = connector.Catalogue.Single(m => m.Id == "cohere.command-a-03-2025"); // the detection row's default model
        Assert.Equal(256_000, command.ContextWindow);
        Assert.Equal(0.0025m, command.Pricing!.InputPer1K);
        Assert.True(command.Features!.Value.HasFlag(ModelFeatures.Tools));
        Assert.Contains(connector.Catalogue, m => m.Id == "cohere.embed-english-v3.0" && m.Capabilities.Single().EndsWith("text-embeddings", StringComparison.Ordinal));
        using var provider = connector.Create(new ProviderOptions("cohere", "http://127.0.0.1:9") { ApiKey = "k" }, null);
        Assert.IsType<CohereProvider>(provider);
    }

    [Fact]
    public async Task A_config_file_naming_the_connector_answers_through_the_mesh()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""{"id":"r","message":{"role":"assistant","content":[{"type":"text","text":"from cohere"}]},"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":3,"output_tokens":2}}}""");
        var path = Path.Combine(Path.GetTempPath(), "mm-cohere-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, $$"""
            providers:
              cohere:
                connector: cohere.nlp.v1
                config: { api_key: "${env:COHERE_API_KEY}", base_url: "{{upstream.BaseUrl}}" }
            models:
              cohere.command-a-03-2025:
                provider: cohere
                capabilities: [chat-completion]
            pools:
              chat:
                capability: chat-completion
            """);
        try
        {
            using var mesh = Mesh.FromConfig(path, new MeshConfigOptions { ReloadOnChange = false, Environment = n => n == "COHERE_API_KEY" ? CohereWire.ApiKey : null });
            var completion = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()).WaitAsync(CohereWire.Bound);

            Assert.Equal("from cohere", completion.Choices[0].Message.Text);
            var sent = Assert.Single(upstream.Requests);
            Assert.Equal("Bearer " + CohereWire.ApiKey, sent.Header("Authorization"));
            Assert.Equal("command-a-03-2025", CohereWire.Sent(sent).GetProperty("model").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_rate_limit_before_content_fails_over()
    {
        await using var cohere = await LoopbackUpstream.StartAsync();
        await using var other = await LoopbackUpstream.StartAsync();
        cohere.EnqueueJson("""{"message":"too many requests"}""", 429);
        other.EnqueueSse(MeshFixture.Stream("fine"));
        using var mesh = BuildMesh(cohere, other);

        Assert.Equal(["fine"], await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())).WaitAsync(CohereWire.Bound));
        Assert.Single(cohere.Requests);
    }

    [Fact]
    public async Task A_cut_after_content_is_a_stream_interruption_and_is_not_repeated_elsewhere()
    {
        await using var cohere = await LoopbackUpstream.StartAsync();
        await using var other = await LoopbackUpstream.StartAsync();
        cohere.EnqueueSse(CohereWire.Start() + CohereWire.ContentStart() + CohereWire.Text("Hello") + CohereWire.Text(" wor"));
        other.EnqueueSse(MeshFixture.Stream("must", " not", " appear"));
        using var mesh = BuildMesh(cohere, other);

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()))).WaitAsync(CohereWire.Bound);

        Assert.Equal("Hello wor", error.PartialText);
        Assert.IsAssignableFrom<ProviderException>(error.InnerException);
        Assert.Empty(other.Requests);
    }

    private static MeshClient BuildMesh(LoopbackUpstream cohere, LoopbackUpstream other) => new MeshBuilder()
        .AddProvider(new CohereProvider(new ProviderOptions("cohere", cohere.BaseUrl) { ApiKey = CohereWire.ApiKey, RequestTimeout = TimeSpan.FromSeconds(10), StreamIdleTimeout = TimeSpan.FromSeconds(10) }))
        .AddProvider(new OpenAICompatibleProvider(new ProviderOptions("b", other.BaseUrl) { ApiKey = "sk-test-b-0123456789", RequestTimeout = TimeSpan.FromSeconds(10) }))
        .AddModels(
            new ModelDefinition { Id = "cohere.command-a-03-2025", ProviderId = "cohere", UpstreamModel = "command-a-03-2025", Capabilities = ["chat-completion"] },
            MeshFixture.Model("b"))
        .AddPool(new PoolDefinition
        {
            Id = "chat",
            Capability = "chat-completion",
            Strategy = RotationStrategies.StickUntilFailure,
            Retry = MeshFixture.FastRetry with { MaxAttempts = 1 },
        })
        .Build();
}
