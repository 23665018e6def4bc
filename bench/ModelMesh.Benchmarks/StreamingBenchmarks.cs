using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace ModelMesh.Benchmarks;

/// <summary>
/// Streamed chat completions of <see cref="CannedUpstream.StreamChunks"/> chunks, fully enumerated: the provider's
/// stream directly against the mesh's (default strategy) over a pool of <see cref="PoolSize"/> models.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StreamingBenchmarks
{
    private BenchmarkMesh _mesh = null!;
    private ChatCompletionsClient _chat = null!;
    private ChatCompletionRequest _direct = null!;
    private ChatCompletionRequest _default = null!;

    /// <summary>Models in the pool (spread over three providers).</summary>
    [ParamsSource(nameof(PoolSizes))]
    public int PoolSize { get; set; }

    /// <summary>The values of <see cref="PoolSize"/>: 1, 10, 100 (the first only in a short run).</summary>
    public static IEnumerable<int> PoolSizes => BenchmarkMode.Sizes(1, 10, 100);

    [GlobalSetup]
    public void Setup()
    {
        _mesh = new BenchmarkMesh(PoolSize, streaming: true);
        _chat = _mesh.Mesh.Chat.Completions;
        _direct = _mesh.DirectRequest;
        _default = BenchmarkMesh.Request(BenchmarkMesh.DefaultPool);
        BenchmarkMesh.WarmUp(TimeSpan.FromSeconds(3), ProviderStreamAsync, MeshStreamAsync);
    }

    [GlobalCleanup]
    public void Cleanup() => _mesh.Dispose();

    /// <summary><c>provider.StreamAsync</c> called directly, every chunk read.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("stream")]
    public Task<int> ProviderStreamAsync() => BenchmarkMesh.DrainAsync(_mesh.Provider.StreamAsync(_direct));

    /// <summary><c>mesh.Chat.Completions.StreamAsync</c> with the default strategy, every chunk read.</summary>
    [Benchmark]
    [BenchmarkCategory("stream")]
    public Task<int> MeshStreamAsync() => BenchmarkMesh.DrainAsync(_chat.StreamAsync(_default));
}
