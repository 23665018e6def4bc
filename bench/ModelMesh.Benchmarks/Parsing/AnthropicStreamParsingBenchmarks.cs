using BenchmarkDotNet.Attributes;
using ModelMesh.Providers.Anthropic;

namespace ModelMesh.Benchmarks.Parsing;

/// <summary>
/// Reading a ~10 MB Anthropic Messages stream (named events: text then tool use, repeated) through the native
/// connector, against the minimal readers and <see cref="System.Net.ServerSentEvents.SseParser"/> with JsonDocument.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ParsingConfig))]
public class AnthropicStreamParsingBenchmarks
{
    private const string Model = "claude-haiku-4-5-20251001";
    private ParsingRig _rig = null!;

    /// <summary>The capture (one: Anthropic's named-event stream).</summary>
    [Params(StreamBodies.Anthropic)]
    public string Scenario { get; set; } = StreamBodies.Anthropic;

    [GlobalSetup]
    public void Setup()
    {
        _rig = new ParsingRig(Scenario, static (options, http) => new AnthropicProvider(options, http), Model);
        BenchmarkMesh.WarmUp(TimeSpan.FromSeconds(2), SseParserJsonDocument, MinimalSinglePass, OwnFramingMinimalReader, ProviderStreamAsync, MeshStreamAsync);
    }

    [GlobalCleanup]
    public void Cleanup() => _rig.Dispose();

    [Benchmark(Description = "(b) SseParser + JsonDocument")]
    public Task<long> SseParserJsonDocument() => _rig.ReadBodyAsync(ParsingRig.SseParserJsonDocumentAsync);

    [Benchmark(Baseline = true, Description = "(c) minimal single pass")]
    public Task<long> MinimalSinglePass() => _rig.ReadBodyAsync(MinimalStreamReader.SinglePassAsync);

    [Benchmark(Description = "(c) StreamEventReader + minimal reader")]
    public Task<long> OwnFramingMinimalReader() => _rig.ReadBodyAsync(MinimalStreamReader.OwnFramingAsync);

    [Benchmark(Description = "(d) native connector StreamAsync")]
    public async Task<long> ProviderStreamAsync() => await BenchmarkMesh.DrainAsync(_rig.Provider.StreamAsync(_rig.DirectRequest)).ConfigureAwait(false);

    [Benchmark(Description = "(e) mesh StreamAsync")]
    public async Task<long> MeshStreamAsync() => await BenchmarkMesh.DrainAsync(_rig.Mesh.Chat.Completions.StreamAsync(_rig.MeshRequest)).ConfigureAwait(false);
}
