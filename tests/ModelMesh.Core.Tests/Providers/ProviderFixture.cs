using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers;

/// <summary>A loopback upstream and an OpenAI-compatible provider pointed at it.</summary>
internal sealed class ProviderFixture : IAsyncDisposable
{
    public const string ApiKey = "sk-live-SECRET-7f3a9c2e4b1d";

    private ProviderFixture(LoopbackUpstream upstream, OpenAICompatibleProvider provider)
    {
        Upstream = upstream;
        Provider = provider;
    }

    public LoopbackUpstream Upstream { get; }

    public OpenAICompatibleProvider Provider { get; }

    public static async Task<ProviderFixture> StartAsync(Func<Uri, ProviderOptions>? options = null)
    {
        var upstream = await LoopbackUpstream.StartAsync();
        var provider = new OpenAICompatibleProvider(options?.Invoke(upstream.BaseUrl) ?? new ProviderOptions("test-provider", upstream.BaseUrl)
        {
            ApiKey = ApiKey,
            RequestTimeout = TimeSpan.FromSeconds(10),
            StreamIdleTimeout = TimeSpan.FromSeconds(10),
        });
        return new ProviderFixture(upstream, provider);
    }

    public static ChatCompletionRequest Request(string model = "gpt-test") => new() { Model = model, Messages = [ChatMessage.User("Hello")] };

    public static string Chunk(string content, string? finish = null) =>
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":"
        + (finish is null ? "null" : "\"" + finish + "\"") + "}]}\n\n";

    public async ValueTask DisposeAsync()
    {
        Provider.Dispose();
        await Upstream.DisposeAsync();
    }
}
