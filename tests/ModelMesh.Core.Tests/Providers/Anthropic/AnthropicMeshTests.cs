using System.Text;
using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Anthropic;

/// <summary>The connector by id in a configuration file, through a mesh: answers, failover before content, interruption after it.</summary>
public sealed class AnthropicMeshTests : IDisposable
{
    private const string Key = "sk-ant-from-env-0123456789";

    private readonly string _dir = Directory.CreateTempSubdirectory("modelmesh-anthropic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private MeshClient FromConfig(LoopbackUpstream primary, LoopbackUpstream backup)
    {
        var path = Path.Combine(_dir, "modelmesh.yaml");
        File.WriteAllText(path, $$"""
            secrets: { store: modelmesh.env.v1 }
            providers:
              anthropic:
                connector: anthropic.claude.v1
                config: { api_key: "${secrets:ANTHROPIC_API_KEY}", base_url: "{{primary.BaseUrl}}" }
              backup:
                connector: anthropic.claude.v1
                config: { api_key: "${secrets:ANTHROPIC_API_KEY}", base_url: "{{backup.BaseUrl}}" }
            models:
              anthropic.haiku:
                provider: anthropic
                model: claude-haiku-4-5-20251001
                capabilities: [chat-completion]
              backup.haiku:
                provider: backup
                model: claude-haiku-4-5-20251001
                capabilities: [chat-completion]
            pools:
              chat:
                capability: chat-completion
                strategy: modelmesh.priority-selection.v1
                model_priority: [anthropic.haiku, backup.haiku]
                retry: { max_attempts: 1, initial_delay: 5ms }
            """);
        return Mesh.FromConfig(path, new MeshConfigOptions { Environment = name => name == "ANTHROPIC_API_KEY" ? Key : null });
    }

    private static ChatCompletionRequest Ask() => new() { Model = "chat", Messages = [ChatMessage.User("What is the weather in SF?")] };

    private static string Capture(string name) => Encoding.UTF8.GetString(AnthropicFixture.Capture(name));

    private static async Task<List<string>> TextsAsync(IAsyncEnumerable<ChatCompletionChunk> chunks, List<string>? into = null)
    {
        var texts = into ?? [];
        await foreach (var chunk in chunks)
        {
            if (chunk.Choices.Count > 0 && chunk.Choices[0].Delta.Content is { } text)
            {
                texts.Add(text);
            }
        }
        return texts;
    }

    [Fact]
    public void The_connector_is_registered_with_its_base_url_key_variable_and_catalogue()
    {
        Assert.True(ConnectorRegistry.TryGet("anthropic.claude.v1", out var connector));

        Assert.Equal(new Uri("https://api.anthropic.com"), connector.DefaultBaseUrl);
        Assert.Equal("ANTHROPIC_API_KEY", connector.ApiKeyEnv);
        Assert.True(connector.RequiresApiKey);
        // The detection defaults stay in the catalogue.
        var sonnet = Assert.Single(connector.Catalogue, m => m.Id == "anthropic.claude-sonnet-4-20250514");
        Assert.Contains(connector.Catalogue, m => m.Id == "anthropic.claude-haiku-4-5-20251001");
        Assert.Equal(("claude-sonnet-4-20250514", 200_000, 64_000), (sonnet.UpstreamModel, sonnet.ContextWindow, sonnet.MaxOutputTokens));
        Assert.Equal(new ModelPricing(0.003m, 0.015m), sonnet.Pricing);
        Assert.All(connector.Catalogue, m =>
        {
            Assert.Equal(ModelFeatures.Tools | ModelFeatures.Vision | ModelFeatures.Streaming | ModelFeatures.SystemPrompt | ModelFeatures.Reasoning, m.Features);
            Assert.True(m.Pricing!.InputPer1K > 0 && m.Pricing.OutputPer1K > m.Pricing.InputPer1K);
            Assert.Equal(200_000, m.ContextWindow);
        });
    }

    [Fact]
    public async Task ANTHROPIC_API_KEY_in_the_environment_makes_a_mesh_with_the_detection_default_models()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueBytes(AnthropicFixture.Capture("messages.json"), "application/json");
        var env = new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = Key, ["ANTHROPIC_BASE_URL"] = upstream.BaseUrl.ToString() };

        using var mesh = Mesh.Create("chat-completion", new MeshOptions { Environment = name => env.GetValueOrDefault(name) });
        var reply = await mesh.Chat.Completions.CreateAsync(new() { Model = "chat-completion", Messages = [ChatMessage.User("Weather?")] }).WaitAsync(AnthropicFixture.Bound);

        Assert.StartsWith("The weather in SF", reply.Choices[0].Message.Content, StringComparison.Ordinal);
        // The detection defaults come first, then the rest of the catalogue.
        Assert.Equal(["anthropic.claude-sonnet-4-20250514", "anthropic.claude-haiku-4-5-20251001"], mesh.PoolStatus("chat-completion").Models.Select(m => m.ModelId).Take(2));
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal(Key, sent.Header("x-api-key"));
        Assert.Contains("\"model\":\"claude-sonnet-4-20250514\"", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_file_naming_the_connector_answers_through_the_mesh()
    {
        await using var primary = await LoopbackUpstream.StartAsync();
        await using var backup = await LoopbackUpstream.StartAsync();
        primary.EnqueueBytes(AnthropicFixture.Capture("messages.json"), "application/json");
        using var mesh = FromConfig(primary, backup);

        var reply = await mesh.Chat.Completions.CreateAsync(Ask()).WaitAsync(AnthropicFixture.Bound);

        Assert.Equal("The weather in SF is currently **20°C** (68°F) and **Sunny**!", reply.Choices[0].Message.Content);
        var sent = Assert.Single(primary.Requests);
        Assert.Equal("/v1/messages", sent.Uri.AbsolutePath);
        Assert.Equal(Key, sent.Header("x-api-key"));
        Assert.Contains("\"model\":\"claude-haiku-4-5-20251001\"", sent.Body, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":64000", sent.Body, StringComparison.Ordinal);
        Assert.Empty(backup.Requests);
    }

    [Fact]
    public async Task A_stream_that_is_overloaded_before_its_first_content_fails_over()
    {
        await using var primary = await LoopbackUpstream.StartAsync();
        await using var backup = await LoopbackUpstream.StartAsync();
        // message_start and ping, then the error: no content yet.
        var stream = Capture("messages-stream.sse");
        var start = stream[..stream.IndexOf("event: content_block_start", StringComparison.Ordinal)];
        primary.EnqueueSse(start + "event: ping\ndata: {\"type\": \"ping\"}\n\n" + Capture("stream-error-overloaded.sse"));
        backup.EnqueueBytes(AnthropicFixture.Capture("messages-stream.sse"), "text/event-stream");
        using var mesh = FromConfig(primary, backup);

        var texts = await TextsAsync(mesh.Chat.Completions.StreamAsync(Ask())).WaitAsync(AnthropicFixture.Bound);

        Assert.Equal("The weather in San Francisco, CA is currently:\n- **Temperature:** 68°F\n- **Condition:** Sunny\n\nIt's a nice sunny day!", string.Concat(texts));
        Assert.Single(primary.Requests);
        Assert.Single(backup.Requests);
    }

    [Fact]
    public async Task A_stream_that_fails_after_content_is_interrupted_with_the_partial_text_and_not_repeated()
    {
        await using var primary = await LoopbackUpstream.StartAsync();
        await using var backup = await LoopbackUpstream.StartAsync();
        var stream = Capture("messages-stream.sse");
        var third = stream.IndexOf("event: content_block_delta", stream.IndexOf("event: content_block_delta", stream.IndexOf("event: content_block_delta", StringComparison.Ordinal) + 1, StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        primary.EnqueueSse(stream[..third] + Capture("stream-error-overloaded.sse"));
        backup.EnqueueBytes(AnthropicFixture.Capture("messages-stream.sse"), "text/event-stream");
        using var mesh = FromConfig(primary, backup);
        var texts = new List<string>();

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => TextsAsync(mesh.Chat.Completions.StreamAsync(Ask()), texts)).WaitAsync(AnthropicFixture.Bound);

        Assert.Equal(["The weather in San Francisco, CA is", " currently"], texts);
        Assert.Equal("The weather in San Francisco, CA is currently", error.PartialText);
        var cause = Assert.IsAssignableFrom<ProviderException>(error.InnerException);
        Assert.Equal("overloaded_error", cause.Classification.Type);
        Assert.Empty(backup.Requests);
    }
}
