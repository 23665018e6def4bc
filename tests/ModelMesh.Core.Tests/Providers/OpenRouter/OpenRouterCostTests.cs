using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.OpenRouter;

/// <summary>
/// OpenRouter reports what a request cost in <c>usage.cost</c> (a decimal in US dollars): the mesh books that figure,
/// not its price list's estimate, whole and streamed, as the captured stream carries it.
/// </summary>
public sealed class OpenRouterCostTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modelmesh-openrouter-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private MeshClient FromConfig(LoopbackUpstream upstream)
    {
        var path = Path.Combine(_dir, "modelmesh.yaml");
        File.WriteAllText(path, $$"""
            providers:
              openrouter:
                connector: openrouter.gateway.v1
                config: { api_key: sk-or-test, base_url: "{{upstream.BaseUrl}}" }
            models:
              openrouter.mini:
                provider: openrouter
                model: openai/gpt-4o-mini
                capabilities: [chat-completion]
                pricing: { input_per_1k: 1, output_per_1k: 1 }
            pools:
              chat:
                capability: chat-completion
            """);
        return Mesh.FromConfig(path);
    }

    private static ChatCompletionRequest Ask(bool stream = false) => new()
    {
        Model = "chat",
        Messages = [ChatMessage.User("Say hi.")],
        Stream = stream ? true : null,
    };

    [Fact]
    public async Task A_streamed_answer_books_the_cost_OpenRouter_reports_in_its_last_chunk()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueSse(ConformanceCaptures.ReadText("openrouter/chat-stream-text.sse"));
        using var mesh = FromConfig(upstream);

        await foreach (var _ in mesh.Chat.Completions.StreamAsync(Ask(stream: true)))
        {
        }

        // The capture's usage: 21 prompt and 3 completion tokens, "cost":0.00000495. The configured price list
        // ($1 per 1K tokens) would have booked $0.024.
        Assert.Equal(0.00000495m, mesh.Usage.TotalCost);
        Assert.Equal(0.00000495m, mesh.Usage.ByProvider["openrouter"].Cost);
    }

    [Fact]
    public async Task A_whole_answer_books_the_reported_decimal_cost_exactly()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson("""
            {"id":"gen-1","object":"chat.completion","created":1,"model":"openai/gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":21,"completion_tokens":3,"total_tokens":24,"cost":0.0000049512345678901234}}
            """);
        using var mesh = FromConfig(upstream);

        var answer = await mesh.Chat.Completions.CreateAsync(Ask());

        Assert.Equal("Hi.", answer.Choices[0].Message.Text);
        Assert.Equal(0.0000049512345678901234m, answer.Usage?.Cost);
        Assert.Equal(0.0000049512345678901234m, mesh.Usage.TotalCost);
    }
}
