using System.ClientModel;
using System.ClientModel.Primitives;
using BenchmarkDotNet.Attributes;
using ModelMesh.Cdk;
using OpenAI;
using SdkChatClient = OpenAI.Chat.ChatClient;
using UserChatMessage = OpenAI.Chat.UserChatMessage;

namespace ModelMesh.Benchmarks.Parsing;

/// <summary>
/// Reading a ~10 MB OpenAI chat stream (a capture repeated, see <see cref="StreamBodies"/>) from an in-memory
/// upstream, every event parsed: the official SDK, <see cref="System.Net.ServerSentEvents.SseParser"/> with
/// System.Text.Json, the minimal readers (the near-limit baseline), ModelMesh's provider and the mesh.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ParsingConfig))]
public class OpenAIStreamParsingBenchmarks
{
    private const string Model = "gpt-4o-2024-08-06";
    private ParsingRig _rig = null!;
    private SdkChatClient _sdk = null!;
    private SerializerParsingProvider _serializerProvider = null!;
    private OpenAI.Chat.ChatMessage[] _sdkMessages = null!;

    /// <summary>Which capture: <c>text</c> or <c>tools</c> (parallel tool calls).</summary>
    [Params(StreamBodies.Text, StreamBodies.Tools)]
    public string Scenario { get; set; } = StreamBodies.Text;

    [GlobalSetup]
    public void Setup()
    {
        _rig = new ParsingRig(Scenario, static (options, http) => new OpenAICompatibleProvider(options, http), Model);
        _sdk = new SdkChatClient(Model, new ApiKeyCredential("sk-bench-0123456789abcdef"), new OpenAIClientOptions
        {
            Endpoint = new Uri(ParsingRig.BaseUrl),
            Transport = new HttpClientPipelineTransport(_rig.Http),
        });
        _serializerProvider = new SerializerParsingProvider(new ProviderOptions("p", ParsingRig.BaseUrl) { ApiKey = "sk-bench-0123456789abcdef" }, _rig.Http);
        _sdkMessages = [new UserChatMessage("What is the difference between a process and a thread?")];
        BenchmarkMesh.WarmUp(TimeSpan.FromSeconds(2), Sdk, SseParserJsonDocument, SseParserJsonSerializer, MinimalSinglePass, OwnFramingMinimalReader, OwnFramingChunkReader, ProviderStreamAsync, SerializerProviderStreamAsync, MeshStreamAsync);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _serializerProvider.Dispose();
        _rig.Dispose();
    }

    /// <summary>The official OpenAI .NET SDK's <c>CompleteChatStreamingAsync</c>, every update read.</summary>
    [Benchmark(Description = "(a) OpenAI SDK CompleteChatStreamingAsync")]
    public async Task<long> Sdk()
    {
        long updates = 0;
        await foreach (var update in _sdk.CompleteChatStreamingAsync(_sdkMessages).ConfigureAwait(false))
        {
            updates += update.ContentUpdate.Count + update.ToolCallUpdates.Count;
        }
        return updates;
    }

    [Benchmark(Description = "(b) SseParser + JsonDocument")]
    public Task<long> SseParserJsonDocument() => _rig.ReadBodyAsync(ParsingRig.SseParserJsonDocumentAsync);

    [Benchmark(Description = "(b) SseParser + JsonSerializer (chunk)")]
    public Task<long> SseParserJsonSerializer() => _rig.ReadBodyAsync(ParsingRig.SseParserJsonSerializerAsync);

    [Benchmark(Baseline = true, Description = "(c) minimal single pass")]
    public Task<long> MinimalSinglePass() => _rig.ReadBodyAsync(MinimalStreamReader.SinglePassAsync);

    [Benchmark(Description = "(c) StreamEventReader + minimal reader")]
    public Task<long> OwnFramingMinimalReader() => _rig.ReadBodyAsync(MinimalStreamReader.OwnFramingAsync);

    [Benchmark(Description = "(c) StreamEventReader + chunk reader")]
    public Task<long> OwnFramingChunkReader() => _rig.ReadBodyAsync(MinimalStreamReader.OwnFramingChunkReaderAsync);

    [Benchmark(Description = "(d) provider StreamAsync")]
    public async Task<long> ProviderStreamAsync() => await BenchmarkMesh.DrainAsync(_rig.Provider.StreamAsync(_rig.DirectRequest)).ConfigureAwait(false);

    [Benchmark(Description = "(d) provider, serializer parse (before)")]
    public async Task<long> SerializerProviderStreamAsync() => await BenchmarkMesh.DrainAsync(_serializerProvider.StreamAsync(_rig.DirectRequest)).ConfigureAwait(false);

    [Benchmark(Description = "(e) mesh StreamAsync")]
    public async Task<long> MeshStreamAsync() => await BenchmarkMesh.DrainAsync(_rig.Mesh.Chat.Completions.StreamAsync(_rig.MeshRequest)).ConfigureAwait(false);
}
