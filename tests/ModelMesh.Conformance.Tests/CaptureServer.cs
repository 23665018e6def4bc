using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Conformance.Tests;

/// <summary>Serves one conformance capture from a real loopback HTTP server and reads it through the OpenAI-compatible provider.</summary>
internal sealed class CaptureServer : IAsyncDisposable
{
    public const string ApiKey = "sk-conformance-test-key-0123456789";

    private CaptureServer(LoopbackUpstream upstream, OpenAICompatibleProvider provider)
    {
        Upstream = upstream;
        Provider = provider;
    }

    public LoopbackUpstream Upstream { get; }

    public OpenAICompatibleProvider Provider { get; }

    public static async Task<CaptureServer> ServeAsync(string capture, int status = 200, IReadOnlyDictionary<string, string>? headers = null)
    {
        var upstream = await LoopbackUpstream.StartAsync();
        var contentType = capture.EndsWith(".sse", StringComparison.Ordinal) ? "text/event-stream" : "application/json";
        upstream.EnqueueBytes(ConformanceCaptures.ReadBytes(capture), contentType, status, headers);
        var provider = new OpenAICompatibleProvider(new ProviderOptions("conformance", upstream.BaseUrl)
        {
            ApiKey = ApiKey,
            RequestTimeout = TimeSpan.FromSeconds(20),
            StreamIdleTimeout = TimeSpan.FromSeconds(20),
        });
        return new CaptureServer(upstream, provider);
    }

    public static ChatCompletionRequest Request() => new() { Model = "test-model", Messages = [ChatMessage.User("Hi")] };

    public async ValueTask DisposeAsync()
    {
        Provider.Dispose();
        await Upstream.DisposeAsync();
    }
}
