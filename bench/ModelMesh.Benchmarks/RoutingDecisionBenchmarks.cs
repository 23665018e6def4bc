using BenchmarkDotNet.Attributes;
using ModelMesh.Cdk;
using ModelMesh.Routing;

namespace ModelMesh.Benchmarks;

/// <summary>
/// The routing decision alone, no HTTP: the router's choice among a pool's members, the budget reservation and the
/// health bookkeeping of an answered attempt (<c>Router.Decide</c>), for every built-in strategy and pool size,
/// against a reference that keeps each model's health in a struct array and picks the best in a loop.
/// </summary>
[MemoryDiagnoser]
public class RoutingDecisionBenchmarks
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(120);
    private static readonly Router.CallUsage Usage = new(40, 60);

    private MeshClient _mesh = null!;
    private MeshRuntime _runtime = null!;
    private RoutingPool _pool = null!;
    private Router _router = null!;
    private RoutingRequest _request = null!;
    private ReferenceHealth[] _reference = null!;

    /// <summary>Models in the pool (spread over three providers).</summary>
    [ParamsSource(nameof(PoolSizes))]
    public int PoolSize { get; set; }

    /// <summary>The pool's rotation strategy.</summary>
    [ParamsSource(nameof(Strategies))]
    public string Strategy { get; set; } = RotationStrategies.StickUntilFailure;

    /// <summary>The values of <see cref="PoolSize"/>: 1, 10, 100, 1,000 (the first only in a short run).</summary>
    public static IEnumerable<int> PoolSizes => BenchmarkMode.Sizes(1, 10, 100, 1000);

    /// <summary>The eight built-in strategies (the first only in a short run).</summary>
    public static IEnumerable<string> Strategies => BenchmarkMode.Sizes(
        RotationStrategies.StickUntilFailure,
        RotationStrategies.PrioritySelection,
        RotationStrategies.RoundRobin,
        RotationStrategies.CostFirst,
        RotationStrategies.LatencyFirst,
        RotationStrategies.SessionStickiness,
        RotationStrategies.RateLimitAware,
        RotationStrategies.LoadBalanced);

    [GlobalSetup]
    public void Setup()
    {
        const int providers = 3;
        var builder = new MeshBuilder();
        for (var p = 0; p < providers; p++)
        {
            // Never called: the decision does not reach the provider.
            builder.AddProvider(new OpenAICompatibleProvider(new ProviderOptions("p" + p, "https://upstream.invalid/v1") { ApiKey = "sk-bench-0123456789abcdef" }));
        }
        var models = Enumerable.Range(0, PoolSize).Select(i => new ModelDefinition
        {
            Id = $"p{i % providers}.model-{i}",
            ProviderId = "p" + (i % providers),
            Capabilities = ["chat-completion"],
            ContextWindow = 128_000,
            MaxOutputTokens = 16_384,
            Pricing = new ModelPricing(0.00015m + (i * 0.00001m), 0.0006m + (i * 0.00002m)),
            // Limits far above what a run uses, so rate-limit-aware has headroom to weigh.
            DailyRequestLimit = 1_000_000_000,
            DailyTokenLimit = 1_000_000_000_000,
            Features = ModelFeatures.Tools | ModelFeatures.Streaming | ModelFeatures.SystemPrompt,
        }).ToArray();
        builder.AddModels(models);
        builder.AddPool(new PoolDefinition { Id = "pool", Capability = "chat-completion", Strategy = Strategy });
        _mesh = builder.Build();
        using (var lease = _mesh.Acquire())
        {
            _runtime = lease.Runtime;
        }
        _pool = _runtime.ResolvePool("pool");
        _router = new Router(_runtime);
        _request = new RoutingRequest
        {
            PoolId = _pool.Id,
            Operation = MeshOperation.Chat,
            EstimatedPromptTokens = 40,
            RequestedOutputTokens = 256,
            RequiredFeatures = ModelFeatures.SystemPrompt,
            SessionId = "session-42",
        };
        // A history as in a mesh that has served a while: every window (error rate 20, latency 50) full.
        var now = _runtime.Services.Clock.GetUtcNow();
        for (var i = 0; i < _pool.Members.Count; i++)
        {
            for (var r = 0; r < 64; r++)
            {
                _pool.Members[i].Health.BeginRequest(now);
                _pool.Members[i].Health.RecordSuccess(now, TimeSpan.FromMilliseconds(100 + (i % 7) + r), 100, 0.0001m);
            }
        }
        _reference = new ReferenceHealth[PoolSize];
        for (var i = 0; i < _reference.Length; i++)
        {
            _reference[i] = new ReferenceHealth { Active = true, Requests = 64, LatencyMs = 100 + (i % 7) };
        }
        for (var i = 0; i < 1000; i++)
        {
            Decision();
            Reference();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _mesh.Dispose();

    /// <summary>
    /// Health in a struct array, the best active model (lowest error rate) picked in a loop and its counters updated
    /// in place: what a decision costs with no more than the data it needs.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int Reference()
    {
        var health = _reference;
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < health.Length; i++)
        {
            ref readonly var h = ref health[i];
            if (!h.Active)
            {
                continue;
            }
            var score = 1.0 - (h.Requests == 0 ? 0 : (double)h.Failures / h.Requests);
            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }
        ref var chosen = ref health[best];
        chosen.Requests++;
        chosen.InFlight++;
        chosen.InFlight--;
        chosen.LatencyMs += 0.2 * (Latency.TotalMilliseconds - chosen.LatencyMs);
        return best;
    }

    /// <summary>The router's decision: select, reserve, count the attempt, book the answer.</summary>
    [Benchmark]
    public string Decision() => _router.Decide(_pool, _request, Usage, Latency).Model.Id;

    private struct ReferenceHealth
    {
        public bool Active;
        public long Requests;
        public long Failures;
        public int InFlight;
        public double LatencyMs;
    }
}
