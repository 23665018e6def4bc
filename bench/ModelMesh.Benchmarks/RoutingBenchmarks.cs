using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace ModelMesh.Benchmarks;

/// <summary>
/// Non-streamed chat completions: the mesh's overhead per request over a direct provider call (category
/// <c>complete</c>), per strategy and pool size; and the routing decision alone, <c>Explain</c>, on a pool of
/// <see cref="PoolSize"/> models against the same on a one-model pool (category <c>explain</c>).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RoutingBenchmarks
{
    private BenchmarkMesh _mesh = null!;
    private ChatCompletionsClient _chat = null!;
    private ChatCompletionRequest _direct = null!;
    private ChatCompletionRequest _default = null!;
    private ChatCompletionRequest _roundRobin = null!;
    private ChatCompletionRequest _costFirst = null!;
    private ChatCompletionRequest _loadBalanced = null!;
    private ChatCompletionRequest _single = null!;

    /// <summary>Models in each pool (spread over three providers).</summary>
    [ParamsSource(nameof(PoolSizes))]
    public int PoolSize { get; set; }

    /// <summary>The values of <see cref="PoolSize"/>: 1, 10, 100 (the first only in a short run).</summary>
    public static IEnumerable<int> PoolSizes => BenchmarkMode.Sizes(1, 10, 100);

    [GlobalSetup]
    public void Setup()
    {
        _mesh = new BenchmarkMesh(PoolSize, streaming: false);
        _chat = _mesh.Mesh.Chat.Completions;
        _direct = _mesh.DirectRequest;
        _default = BenchmarkMesh.Request(BenchmarkMesh.DefaultPool);
        _roundRobin = BenchmarkMesh.Request(BenchmarkMesh.RoundRobinPool);
        _costFirst = BenchmarkMesh.Request(BenchmarkMesh.CostFirstPool);
        _loadBalanced = BenchmarkMesh.Request(BenchmarkMesh.LoadBalancedPool);
        _single = BenchmarkMesh.Request(BenchmarkMesh.SingleModelPool);
        BenchmarkMesh.WarmUp(
            TimeSpan.FromSeconds(3),
            ProviderCompleteAsync,
            MeshStickUntilFailure,
            MeshRoundRobin,
            MeshCostFirst,
            MeshLoadBalanced,
            () => Task.FromResult(ExplainOneModelPool()),
            () => Task.FromResult(ExplainPool()));
    }

    [GlobalCleanup]
    public void Cleanup() => _mesh.Dispose();

    /// <summary>The provider called directly: request cloned, serialized, sent in memory, response parsed.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("complete")]
    public Task<ChatCompletion> ProviderCompleteAsync() => _mesh.Provider.CompleteAsync(_direct);

    /// <summary><c>mesh.Chat.Completions.CreateAsync</c> with the default strategy, stick-until-failure.</summary>
    [Benchmark]
    [BenchmarkCategory("complete")]
    public Task<ChatCompletion> MeshStickUntilFailure() => _chat.CreateAsync(_default);

    /// <summary><c>mesh.Chat.Completions.CreateAsync</c>, round-robin.</summary>
    [Benchmark]
    [BenchmarkCategory("complete")]
    public Task<ChatCompletion> MeshRoundRobin() => _chat.CreateAsync(_roundRobin);

    /// <summary><c>mesh.Chat.Completions.CreateAsync</c>, cost-first.</summary>
    [Benchmark]
    [BenchmarkCategory("complete")]
    public Task<ChatCompletion> MeshCostFirst() => _chat.CreateAsync(_costFirst);

    /// <summary><c>mesh.Chat.Completions.CreateAsync</c>, load-balanced.</summary>
    [Benchmark]
    [BenchmarkCategory("complete")]
    public Task<ChatCompletion> MeshLoadBalanced() => _chat.CreateAsync(_loadBalanced);

    /// <summary>The dry-run routing decision on a pool of one model: the fixed part of the decision.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("explain")]
    public RoutingExplanation ExplainOneModelPool() => _mesh.Mesh.Explain(_single);

    /// <summary>The dry-run routing decision on the default pool of <see cref="PoolSize"/> models.</summary>
    [Benchmark]
    [BenchmarkCategory("explain")]
    public RoutingExplanation ExplainPool() => _mesh.Mesh.Explain(_default);
}
