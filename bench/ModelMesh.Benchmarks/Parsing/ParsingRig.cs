using System.Net.ServerSentEvents;
using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Benchmarks.Parsing;

/// <summary>
/// One scenario's body served by an in-memory upstream (<see cref="CannedUpstreamHandler"/>: no socket, the body is
/// never copied), a provider over it and a one-model mesh over that provider.
/// </summary>
internal sealed class ParsingRig : IDisposable
{
    public const string PoolId = "bench";

    public ParsingRig(string scenario, Func<ProviderOptions, HttpClient, BaseProvider> createProvider, string upstreamModel)
    {
        Body = StreamBodies.Get(scenario);
        Http = new HttpClient(new CannedUpstreamHandler(Body.Body, "text/event-stream"), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        var options = new ProviderOptions("p", BaseUrl) { ApiKey = "sk-bench-0123456789abcdef" };
        Provider = createProvider(options, Http);
        Mesh = new MeshBuilder()
            .AddProvider(createProvider(options, Http))
            .AddModels([new ModelDefinition
            {
                Id = "p." + upstreamModel,
                ProviderId = "p",
                Capabilities = ["chat-completion"],
                ContextWindow = 128_000,
                MaxOutputTokens = 16_384,
                Features = ModelFeatures.Tools | ModelFeatures.Streaming | ModelFeatures.SystemPrompt,
            }])
            .AddPool(new PoolDefinition { Id = PoolId, Capability = "chat-completion" })
            .Build();
        DirectRequest = BenchmarkMesh.Request(upstreamModel);
        MeshRequest = BenchmarkMesh.Request(PoolId);
    }

    public const string BaseUrl = "https://upstream.invalid/v1";

    public StreamBody Body { get; }

    public HttpClient Http { get; }

    public BaseProvider Provider { get; }

    public MeshClient Mesh { get; }

    public ChatCompletionRequest DirectRequest { get; }

    public ChatCompletionRequest MeshRequest { get; }

    /// <summary>The body as a response stream, the way the SDK-free readers get it.</summary>
    public async Task<long> ReadBodyAsync(Func<Stream, Task<long>> read)
    {
        using var response = await Http.GetAsync(BaseUrl + "/chat/completions", HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await read(stream).ConfigureAwait(false);
        }
    }

    /// <summary><see cref="SseParser"/> framing, each event's data parsed into a <see cref="JsonDocument"/> (then released).</summary>
    public static async Task<long> SseParserJsonDocumentAsync(Stream stream)
    {
        long events = 0;
        var parser = SseParser.Create(stream, static (_, data) =>
        {
            if (data.SequenceEqual("[DONE]"u8))
            {
                return null;
            }
            var reader = new Utf8JsonReader(data);
            return JsonDocument.ParseValue(ref reader);
        });
        await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
        {
            using var document = item.Data;
            events += document is null ? 0 : 1;
        }
        return events;
    }

    /// <summary><see cref="SseParser"/> framing, each event's data deserialized into a <see cref="ChatCompletionChunk"/> by the source-generated serializer.</summary>
    public static async Task<long> SseParserJsonSerializerAsync(Stream stream)
    {
        long choices = 0;
        var parser = SseParser.Create(stream, static (_, data) =>
            data.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(data, ModelMeshJson.ChatCompletionChunk));
        await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
        {
            choices += item.Data?.Choices.Count ?? 0;
        }
        return choices;
    }

    public void Dispose()
    {
        Mesh.Dispose();
        Provider.Dispose();
        Http.Dispose();
    }
}

/// <summary>
/// The OpenAI-compatible provider with the stream parse it had before the hand-written reader (the source-generated
/// serializer per event), so that one run compares the two under the same machine load.
/// </summary>
internal sealed class SerializerParsingProvider(ProviderOptions options, HttpClient http) : OpenAICompatibleProvider(options, http)
{
    protected override ChatCompletionChunk? ParseStreamChunk(in SseEvent streamEvent) =>
        JsonSerializer.Deserialize(streamEvent.Data.Span, ModelMeshJson.ChatCompletionChunk);
}
