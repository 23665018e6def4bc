using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Providers.Ollama;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Ollama;

/// <summary>A loopback upstream speaking Ollama's native API and an <see cref="OllamaProvider"/> pointed at it.</summary>
internal sealed class OllamaFixture : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private OllamaFixture(LoopbackUpstream upstream, OllamaProvider provider)
    {
        Upstream = upstream;
        Provider = provider;
    }

    public LoopbackUpstream Upstream { get; }

    public OllamaProvider Provider { get; }

    public static async Task<OllamaFixture> StartAsync(string? settingsYaml = null)
    {
        var upstream = await LoopbackUpstream.StartAsync();
        var provider = new OllamaProvider(new ProviderOptions("ollama", upstream.BaseUrl)
        {
            RequestTimeout = TimeSpan.FromSeconds(10),
            StreamIdleTimeout = TimeSpan.FromSeconds(10),
            Settings = settingsYaml is null ? null : ConnectorSettings.Parse(settingsYaml),
        });
        return new OllamaFixture(upstream, provider);
    }

    public static ChatCompletionRequest Ask(string model = "llama3.2", string text = "Hello") => new() { Model = model, Messages = [ChatMessage.User(text)] };

    public static JsonElement Sent(RecordedRequest request) => JsonDocument.Parse(request.Body!).RootElement;

    public LoopbackUpstream EnqueueNdjson(string body) => Upstream.EnqueueBytes(System.Text.Encoding.UTF8.GetBytes(body), "application/x-ndjson");

    public LoopbackUpstream EnqueueCapture(string name) => Upstream.EnqueueBytes(ConformanceCaptures.ReadBytes("ollama/" + name), "application/x-ndjson");

    public async Task<List<ChatCompletionChunk>> StreamAsync(ChatCompletionRequest request)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in Provider.StreamAsync(request).WithCancellation(new CancellationTokenSource(Bound).Token))
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
