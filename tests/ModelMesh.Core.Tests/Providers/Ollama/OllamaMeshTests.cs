using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Providers.Ollama;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Ollama;

/// <summary>The connector in a mesh: registration, a configuration file, and the streaming contract.</summary>
public sealed class OllamaMeshTests
{
    private const string Line = """{"model":"llama3.2","message":{"role":"assistant","content":"Hello"},"done":false}""" + "\n";
    private const string Done = """{"model":"llama3.2","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":4,"eval_count":1}""" + "\n";

    [Fact]
    public void The_registry_builds_the_native_connector_without_a_key_and_accepts_keep_alive()
    {
        var connector = ConnectorRegistry.Get(OllamaProvider.ConnectorId);

        Assert.Equal("ollama.local.v1", connector.Id);
        Assert.False(connector.RequiresApiKey);
        Assert.Null(connector.ApiKeyEnv); // OLLAMA_HOST is a host, detected by its table row
        Assert.Equal(new Uri("http://localhost:11434"), connector.DefaultBaseUrl);
        Assert.Equal([OllamaProvider.KeepAliveKey], connector.SettingKeys);
        Assert.Contains(connector.Catalogue, m => m.Id == "ollama.llama3"); // the detection row's default model
        Assert.Contains(connector.Catalogue, m => m.Id == "ollama.nomic-embed-text" && m.Capabilities.Single().EndsWith("text-embeddings", StringComparison.Ordinal));
        using var provider = connector.Create(new ProviderOptions("ollama", "http://127.0.0.1:9"), null);
        Assert.IsType<OllamaProvider>(provider);
    }

    [Fact]
    public async Task A_config_file_naming_the_connector_answers_through_the_mesh_with_its_keep_alive()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""{"model":"llama3.2","message":{"role":"assistant","content":"from ollama"},"done":true,"done_reason":"stop","prompt_eval_count":3,"eval_count":2}""");
        var path = Path.Combine(Path.GetTempPath(), "mm-ollama-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, $$"""
            providers:
              ollama:
                connector: ollama.local.v1
                config: { base_url: "{{upstream.BaseUrl}}", keep_alive: 2m }
            models:
              ollama.llama3.2:
                provider: ollama
                capabilities: [chat-completion]
            pools:
              chat:
                capability: chat-completion
            """);
        try
        {
            using var mesh = Mesh.FromConfig(path, new MeshConfigOptions { ReloadOnChange = false });
            var completion = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()).WaitAsync(OllamaFixture.Bound);

            Assert.Equal("from ollama", completion.Choices[0].Message.Text);
            var body = OllamaFixture.Sent(Assert.Single(upstream.Requests));
            Assert.Equal("llama3.2", body.GetProperty("model").GetString());
            Assert.Equal("2m", body.GetProperty("keep_alive").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_error_line_before_any_content_fails_over()
    {
        await using var ollama = await LoopbackUpstream.StartAsync();
        await using var other = await LoopbackUpstream.StartAsync();
        ollama.EnqueueBytes("""{"error":"model requires more system memory than is available"}"""u8.ToArray(), "application/x-ndjson");
        other.EnqueueSse(MeshFixture.Stream("fine"));
        using var mesh = BuildMesh(ollama, other);

        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())).WaitAsync(OllamaFixture.Bound);

        Assert.Equal(["fine"], texts);
        Assert.Single(ollama.Requests);
    }

    [Fact]
    public async Task A_cut_after_content_is_a_stream_interruption_and_is_not_repeated_elsewhere()
    {
        await using var ollama = await LoopbackUpstream.StartAsync();
        await using var other = await LoopbackUpstream.StartAsync();
        ollama.EnqueueBytes(System.Text.Encoding.UTF8.GetBytes(Line), "application/x-ndjson");
        other.EnqueueSse(MeshFixture.Stream("must", " not", " appear"));
        using var mesh = BuildMesh(ollama, other);

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()))).WaitAsync(OllamaFixture.Bound);

        Assert.Equal("Hello", error.PartialText);
        Assert.IsAssignableFrom<ProviderException>(error.InnerException);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task A_whole_stream_through_the_mesh_carries_text_and_usage()
    {
        await using var ollama = await LoopbackUpstream.StartAsync();
        await using var other = await LoopbackUpstream.StartAsync();
        ollama.EnqueueBytes(System.Text.Encoding.UTF8.GetBytes(Line + Done), "application/x-ndjson");
        using var mesh = BuildMesh(ollama, other);
        var chunks = new List<ChatCompletionChunk>();

        await foreach (var chunk in mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()).WithCancellation(new CancellationTokenSource(OllamaFixture.Bound).Token))
        {
            chunks.Add(chunk);
        }

        var completion = OllamaFixture.Accumulate(chunks);
        Assert.Equal("Hello", completion.Choices[0].Message.Content);
        Assert.Equal(5, completion.Usage!.TotalTokens);
        Assert.Empty(other.Requests);
    }

    private static MeshClient BuildMesh(LoopbackUpstream ollama, LoopbackUpstream other) => new MeshBuilder()
        .AddProvider(new OllamaProvider(new ProviderOptions("ollama", ollama.BaseUrl) { RequestTimeout = TimeSpan.FromSeconds(10), StreamIdleTimeout = TimeSpan.FromSeconds(10) }))
        .AddProvider(new OpenAICompatibleProvider(new ProviderOptions("b", other.BaseUrl) { ApiKey = "sk-test-b-0123456789", RequestTimeout = TimeSpan.FromSeconds(10) }))
        .AddModels(
            new ModelDefinition { Id = "ollama.llama3.2", ProviderId = "ollama", UpstreamModel = "llama3.2", Capabilities = ["chat-completion"] },
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
