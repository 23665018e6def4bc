using BenchmarkDotNet.Attributes;

namespace ModelMesh.Benchmarks.Gateway;

/// <summary>
/// Throughput at concurrency 32: each operation is 32 non-streamed chat completions at once, and the reported time
/// is per request (<c>OperationsPerInvoke = 32</c>), so requests per second = 1 s / Mean. The same four paths as
/// <see cref="GatewayLatencyBenchmarks"/>; Allocated is the whole process's per request (client, gateway, upstream).
/// </summary>
[ModelMeshJob(warmupCount: 3, iterationCount: 5, id: "Throughput")]
[MemoryDiagnoser]
[BenchmarkCategory("gateway-throughput")]
public class GatewayThroughputBenchmarks
{
    private const int Concurrency = 32;

    private GatewayRig _rig = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rig = GatewayRig.StartAsync().GetAwaiter().GetResult();
        _rig.VerifyAndWarmUpAsync(TimeSpan.FromSeconds(3), streaming: false).GetAwaiter().GetResult();
        Console.WriteLine("// idle after warm-up: " + GatewayRig.WorkingSet());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine("// after 32-at-once load: " + GatewayRig.WorkingSet());
        _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Concurrency)]
    public Task Direct32() => _rig.CompleteManyAsync(_rig.Direct, Concurrency);

    [Benchmark(OperationsPerInvoke = Concurrency)]
    public Task MeshInProcess32() => _rig.MeshCompleteManyAsync(Concurrency);

    [Benchmark(OperationsPerInvoke = Concurrency)]
    public Task PassThroughProxy32() => _rig.CompleteManyAsync(_rig.Proxy, Concurrency);

    [Benchmark(OperationsPerInvoke = Concurrency)]
    public Task Gateway32() => _rig.CompleteManyAsync(_rig.Gateway, Concurrency);
}
