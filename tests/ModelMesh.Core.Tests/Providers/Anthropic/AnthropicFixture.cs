using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Providers.Anthropic;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Anthropic;

/// <summary>A loopback upstream speaking the Messages API (from the captures) and the Anthropic connector pointed at it.</summary>
internal sealed class AnthropicFixture : IAsyncDisposable
{
    public const string ApiKey = "sk-ant-api03-SECRET-5b1e7c9d";

    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private AnthropicFixture(LoopbackUpstream upstream, AnthropicProvider provider)
    {
        Upstream = upstream;
        Provider = provider;
    }

    public LoopbackUpstream Upstream { get; }

    public AnthropicProvider Provider { get; }

    public static async Task<AnthropicFixture> StartAsync()
    {
        var upstream = await LoopbackUpstream.StartAsync();
        var provider = new AnthropicProvider(new ProviderOptions("anthropic", upstream.BaseUrl)
        {
            ApiKey = ApiKey,
            RequestTimeout = Bound,
            StreamIdleTimeout = Bound,
        });
        return new AnthropicFixture(upstream, provider);
    }

    public static byte[] Capture(string name) => ConformanceCaptures.ReadBytes("anthropic/" + name);

    public AnthropicFixture AnswerJson(string capture, int status = 200, IReadOnlyDictionary<string, string>? headers = null)
    {
        Upstream.EnqueueBytes(Capture(capture), "application/json", status, headers);
        return this;
    }

    public AnthropicFixture AnswerStream(string capture)
    {
        Upstream.EnqueueBytes(Capture(capture), "text/event-stream");
        return this;
    }

    public static ChatCompletionRequest Ask(string model = "claude-haiku-4-5-20251001", string text = "What is the weather in SF?") =>
        new() { Model = model, Messages = [ChatMessage.User(text)] };

    /// <summary>The body the connector sent with the only request so far.</summary>
    public JsonElement SentBody() => JsonDocument.Parse(Assert.Single(Upstream.Requests).Body!).RootElement;

    public async Task<List<ChatCompletionChunk>> StreamAsync(ChatCompletionRequest request)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in Provider.StreamAsync(request).WithCancellation(CancellationToken.None))
        {
            chunks.Add(chunk);
        }
        return chunks;
    }

    public static ChatCompletion Accumulate(IEnumerable<ChatCompletionChunk> chunks)
    {
        var accumulator = new ChatStreamAccumulator();
        foreach (var chunk in chunks)
        {
            accumulator.Add(chunk);
        }
        return accumulator.ToCompletion();
    }

    public async ValueTask DisposeAsync()
    {
        Provider.Dispose();
        await Upstream.DisposeAsync();
    }
}
