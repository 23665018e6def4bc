using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Providers.Google;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Google;

/// <summary>A loopback upstream speaking Gemini's wire format (from tests/conformance/gemini) and a GeminiProvider pointed at it.</summary>
internal sealed class GeminiFixture : IAsyncDisposable
{
    /// <summary>The key the 400 capture's DebugInfo names, so the test sees it redacted.</summary>
    public const string ApiKey = "key1234";

    private GeminiFixture(LoopbackUpstream upstream, GeminiProvider provider)
    {
        Upstream = upstream;
        Provider = provider;
    }

    public LoopbackUpstream Upstream { get; }

    public GeminiProvider Provider { get; }

    public static async Task<GeminiFixture> StartAsync(string basePath = "")
    {
        var upstream = await LoopbackUpstream.StartAsync();
        var provider = new GeminiProvider(new ProviderOptions("google", new Uri(upstream.BaseUrl, basePath))
        {
            ApiKey = ApiKey,
            RequestTimeout = TimeSpan.FromSeconds(10),
            StreamIdleTimeout = TimeSpan.FromSeconds(10),
        });
        return new GeminiFixture(upstream, provider);
    }

    public static string Capture(string name) => ConformanceCaptures.ReadText("gemini/" + name);

    public static ChatCompletionRequest Ask(string text = "Where is Google's headquarters?", string model = "gemini-2.0-flash") =>
        new() { Model = model, Messages = [ChatMessage.User(text)] };

    /// <summary>The request body the upstream received, parsed (tests read it; connectors never do).</summary>
    public JsonElement Body(int index = 0)
    {
        using var document = JsonDocument.Parse(Upstream.Requests[index].Body!);
        return document.RootElement.Clone();
    }

    public static async Task<List<ChatCompletionChunk>> CollectAsync(IAsyncEnumerable<ChatCompletionChunk> stream)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in stream)
        {
            chunks.Add(chunk);
        }
        return chunks;
    }

    public async ValueTask DisposeAsync()
    {
        Provider.Dispose();
        await Upstream.DisposeAsync();
    }
}
