using BenchmarkDotNet.Attributes;

namespace ModelMesh.Benchmarks.Gateway;

/// <summary>
/// Streamed chat completions of <see cref="Chunks"/> content chunks (plus role, finish and usage chunks), one at a
/// time and each read to the end: directly, through the mesh in-process, through the pass-through proxy and through
/// the gateway. The upstream writes the whole stream at once; the gateway parses every chunk and writes and flushes
/// each one, so (time at 64 − time at 1) / 63 is its cost per chunk. Each operation is <see cref="Batch"/> streams;
/// the time to each stream's first chunk is printed when a case ends.
/// </summary>
[ModelMeshJob(warmupCount: 3, iterationCount: 5, id: "Stream")]
[MemoryDiagnoser]
[BenchmarkCategory("gateway-stream")]
public class GatewayStreamBenchmarks
{
    private const int Batch = 20;

    private GatewayRig _rig = null!;
    private Func<Task<int>> _direct = null!;
    private Func<Task<int>> _mesh = null!;
    private Func<Task<int>> _proxy = null!;
    private Func<Task<int>> _gateway = null!;

    [ParamsSource(nameof(StreamCounts))]
    public int Chunks { get; set; }

    /// <summary>The values of <see cref="Chunks"/>: 1, 64 (the first only in a short run).</summary>
    public static IEnumerable<int> StreamCounts => BenchmarkMode.Sizes(1, 64);

    [GlobalSetup]
    public void Setup()
    {
        _rig = GatewayRig.StartAsync(Chunks).GetAwaiter().GetResult();
        _direct = () => _rig.StreamAsync(_rig.Direct);
        _mesh = _rig.MeshStreamAsync;
        _proxy = () => _rig.StreamAsync(_rig.Proxy);
        _gateway = () => _rig.StreamAsync(_rig.Gateway);
        _rig.VerifyAndWarmUpAsync(TimeSpan.FromSeconds(3), streaming: true).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine("// " + _rig.FirstChunk.Summary());
        Console.WriteLine("// " + _rig.RequestTime.Summary());
        _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public Task DirectStream() => _rig.SequentialAsync(_direct, Batch);

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task MeshInProcessStream() => _rig.SequentialAsync(_mesh, Batch);

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task PassThroughProxyStream() => _rig.SequentialAsync(_proxy, Batch);

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task GatewayStream() => _rig.SequentialAsync(_gateway, Batch);
}
