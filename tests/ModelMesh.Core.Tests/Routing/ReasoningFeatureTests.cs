using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>
/// <c>reasoning_effort</c> is a feature like tools: a request that sets an effort goes only to models that reason
/// (a model that cannot answers 400 to the parameter, which is no reason to fail over blindly); <c>none</c> asks for nothing.
/// </summary>
public sealed class ReasoningFeatureTests
{
    private const ModelFeatures Plain = ModelFeatures.Streaming | ModelFeatures.SystemPrompt | ModelFeatures.Tools;

    private static ChatCompletionRequest Ask(string? effort, string? pool = null)
    {
        var request = MeshFixture.Ask("Prove it.");
        request.ReasoningEffort = effort;
        if (pool is not null)
        {
            request.Model = pool;
        }
        return request;
    }

    [Fact]
    public async Task A_request_with_an_effort_passes_a_model_that_cannot_reason_and_says_why()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["b"].EnqueueJson(MeshFixture.CompletionJson("thought it through"));
        using var mesh = fx.Mesh(models: [MeshFixture.Model("a", features: Plain), MeshFixture.Model("b", features: Plain | ModelFeatures.Reasoning)]);

        var explanation = mesh.Explain(Ask("high"));
        var answer = await mesh.Chat.Completions.CreateAsync(Ask("high"));

        Assert.Equal("b.m", explanation.SelectedModel);
        Assert.Equal("does not support reasoning effort", explanation.Candidates[0].ExcludedBecause);
        Assert.Equal("thought it through", answer.Choices[0].Message.Text);
        Assert.Empty(fx["a"].Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("none")]
    [InlineData("NONE")]
    public async Task No_effort_or_none_needs_no_reasoning_model(string? effort)
    {
        await using var fx = await MeshFixture.StartAsync("a");
        using var mesh = fx.Mesh(models: [MeshFixture.Model("a", features: Plain)]);

        Assert.Equal("a.m", mesh.Explain(Ask(effort)).SelectedModel);
    }

    [Fact]
    public async Task A_config_file_turns_reasoning_off_for_a_model_with_features_reasoning_false()
    {
        await using var upstream = await ModelMesh.Testing.LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(MeshFixture.CompletionJson("reasoned"));
        var dir = Directory.CreateTempSubdirectory("modelmesh-reasoning-").FullName;
        try
        {
            var path = Path.Combine(dir, "modelmesh.yaml");
            File.WriteAllText(path, $$"""
                providers:
                  local: { connector: openai-compatible, config: { base_url: "{{upstream.BaseUrl}}" } }
                models:
                  local.plain: { provider: local, model: plain, capabilities: [chat-completion], features: { reasoning: false } }
                  local.thinker: { provider: local, model: thinker, capabilities: [chat-completion], features: { tools: true } }
                pools:
                  chat: { capability: chat-completion, strategy: priority-selection, model_priority: [local.plain, local.thinker] }
                """);
            using var mesh = Mesh.FromConfig(path);

            await mesh.Chat.Completions.CreateAsync(Ask("low", "chat"));

            Assert.Contains("\"model\":\"thinker\"", Assert.Single(upstream.Requests).Body, StringComparison.Ordinal);
            Assert.Equal("local.plain", mesh.Explain(Ask(null, "chat")).SelectedModel);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_catalogue_marks_the_models_that_think()
    {
        Assert.True(Has("anthropic.claude.v1", "claude-sonnet-4-20250514"));
        Assert.True(Has("google.gemini.v1", "gemini-2.5-flash"));
        Assert.False(Has("google.gemini.v1", "gemini-2.0-flash"));
        Assert.True(Has("deepseek.api.v1", "deepseek-reasoner"));
        Assert.False(Has("deepseek.api.v1", "deepseek-chat"));
        Assert.True(Has("ollama.local.v1", "qwen3"));
        Assert.False(Has("openai.llm.v1", "gpt-4o"));

        static bool Has(string connector, string upstream) =>
            ConnectorRegistry.Get(connector).Catalogue.Single(m => m.UpstreamModel == upstream).Features!.Value.HasFlag(ModelFeatures.Reasoning);
    }
}
