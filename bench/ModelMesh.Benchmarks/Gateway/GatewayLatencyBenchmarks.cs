using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Perfolizer.Mathematics.OutlierDetection;

namespace ModelMesh.Benchmarks.Gateway;

/// <summary>
/// Added latency at concurrency 1: one non-streamed chat completion at a time over loopback, directly to the fake
/// upstream (baseline), through the mesh called in-process, through a bare pass-through proxy, and through the
/// gateway. Each iteration is one request (<see cref="LatencyConfig"/>), so P50/P99 are per-request percentiles.
/// Allocations are measured by <see cref="GatewayThroughputBenchmarks"/> (one invocation per iteration is too few).
/// </summary>
[Config(typeof(LatencyConfig))]
[BenchmarkCategory("gateway-latency")]
public class GatewayLatencyBenchmarks
{
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
        Console.WriteLine("// after the run: " + GatewayRig.WorkingSet());
        _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The client straight to the upstream.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> Direct() => _rig.CompleteAsync(_rig.Direct);

    /// <summary>The mesh called in-process, its provider over loopback HTTP: what routing and the provider add without a gateway.</summary>
    [Benchmark]
    public Task<int> MeshInProcess() => _rig.MeshCompleteAsync();

    /// <summary>Through Kestrel + HttpClient forwarding bytes: the cost of any second HTTP hop.</summary>
    [Benchmark]
    public Task<int> PassThroughProxy() => _rig.CompleteAsync(_rig.Proxy);

    /// <summary>Through the gateway: parse, validate, route (one-model mesh), call, serialize.</summary>
    [Benchmark]
    public Task<int> Gateway() => _rig.CompleteAsync(_rig.Gateway);

    /// <summary>One request per iteration, 5,000 iterations after 500 warm-up ones, outliers kept, no forced GC between iterations (a GC pause is part of the latency).</summary>
    private sealed class LatencyConfig : ManualConfig
    {
        public LatencyConfig()
        {
            AddJob(Job.Default
                .WithId("Latency")
                .WithLaunchCount(1)
                .WithWarmupCount(500)
                .WithIterationCount(5000)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithGcForce(false)
                .WithOutlierMode(OutlierMode.DontRemove)
                .WithStrategy(RunStrategy.Monitoring));
            AddColumn(new PercentileColumn(50), new PercentileColumn(99));
        }
    }
}
