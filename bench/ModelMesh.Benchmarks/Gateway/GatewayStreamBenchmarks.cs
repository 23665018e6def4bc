using BenchmarkDotNet.Attributes;

namespace ModelMesh.Benchmarks.Gateway;

/// <summary>
/// A streamed chat completion of <see cref="Chunks"/> content chunks (plus role, finish and usage chunks), read to
/// the end, directly, through the mesh in-process, through the pass-through proxy and through the gateway. The upstream writes the whole stream
/// at once; the gateway parses every chunk and writes and flushes each one, so (time at 64 − time at 1) / 63 is
/// its cost per chunk. The time to the first body bytes of each stream is printed at the end of each case.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5, id: "Stream")]
[MemoryDiagnoser]
[BenchmarkCategory("gateway-stream")]
public class GatewayStreamBenchmarks
{
    private GatewayRig _rig = null!;

    [Params(1, 64)]
    public int Chunks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _rig = GatewayRig.StartAsync(Chunks).GetAwaiter().GetResult();
        _rig.VerifyAndWarmUpAsync(TimeSpan.FromSeconds(3), streaming: true).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine("// " + _rig.FirstChunk.Summary());
        _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Task<int> DirectStream() => _rig.StreamAsync(_rig.Direct);

    [Benchmark]
    public Task<int> MeshInProcessStream() => _rig.MeshStreamAsync();

    [Benchmark]
    public Task<int> PassThroughProxyStream() => _rig.StreamAsync(_rig.Proxy);

    [Benchmark]
    public Task<int> GatewayStream() => _rig.StreamAsync(_rig.Gateway);
}
