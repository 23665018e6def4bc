using BenchmarkDotNet.Attributes;

namespace ModelMesh.Benchmarks.Gateway;

/// <summary>
/// Added latency at concurrency 1: non-streamed chat completions one at a time over loopback, directly to the fake
/// upstream (baseline), through the mesh called in-process, through a bare pass-through proxy, and through the
/// gateway. Each operation is <see cref="Batch"/> requests in turn, so Mean is the mean time per request; each
/// request is also timed on its own and the case ends by printing their mean, p50 and p99
/// (<see cref="GatewayRig.SequentialAsync"/> says why not one request per invocation).
/// </summary>
[ModelMeshJob(warmupCount: 3, iterationCount: 10, id: "Latency")]
[MemoryDiagnoser]
[BenchmarkCategory("gateway-latency")]
public class GatewayLatencyBenchmarks
{
    private const int Batch = 100;

    private GatewayRig _rig = null!;
    private Func<Task<int>> _direct = null!;
    private Func<Task<int>> _mesh = null!;
    private Func<Task<int>> _proxy = null!;
    private Func<Task<int>> _gateway = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rig = GatewayRig.StartAsync().GetAwaiter().GetResult();
        _direct = () => _rig.CompleteAsync(_rig.Direct);
        _mesh = _rig.MeshCompleteAsync;
        _proxy = () => _rig.CompleteAsync(_rig.Proxy);
        _gateway = () => _rig.CompleteAsync(_rig.Gateway);
        _rig.VerifyAndWarmUpAsync(TimeSpan.FromSeconds(3), streaming: false).GetAwaiter().GetResult();
        Console.WriteLine("// idle after warm-up: " + GatewayRig.WorkingSet());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine("// " + _rig.RequestTime.Summary());
        Console.WriteLine("// after the run: " + GatewayRig.WorkingSet());
        _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The client straight to the upstream.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public Task Direct() => _rig.SequentialAsync(_direct, Batch);

    /// <summary>The mesh called in-process, its provider over loopback HTTP: what routing and the provider add without a gateway.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task MeshInProcess() => _rig.SequentialAsync(_mesh, Batch);

    /// <summary>Through Kestrel + HttpClient forwarding bytes: the cost of any second HTTP hop.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task PassThroughProxy() => _rig.SequentialAsync(_proxy, Batch);

    /// <summary>Through the gateway: parse, validate, route (one-model mesh), call, serialize.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task Gateway() => _rig.SequentialAsync(_gateway, Batch);
}
