using ModelMesh.Cdk;
using ModelMesh.Routing;
using Xunit;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>
/// The routing decision (select, reserve, book the answer; no call) allocates a bounded amount whatever the pool's
/// size: no record per member per request, no list of the eligible ones, no string per candidate.
/// </summary>
public sealed class RoutingDecisionAllocationTests
{
    private const int Decisions = 200;

    public static TheoryData<string> Strategies =>
    [
        RotationStrategies.StickUntilFailure,
        RotationStrategies.PrioritySelection,
        RotationStrategies.RoundRobin,
        RotationStrategies.CostFirst,
        RotationStrategies.LatencyFirst,
        RotationStrategies.SessionStickiness,
        RotationStrategies.RateLimitAware,
        RotationStrategies.LoadBalanced,
    ];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void A_decision_allocates_the_same_on_a_pool_of_100_as_on_a_pool_of_2(string strategy)
    {
        var small = BytesPerDecision(strategy, 2);
        var large = BytesPerDecision(strategy, 100);
        // Before: every decision took a state record of every member (~0.3 KB each) and built lists of them; then
        // 744-1,010 B (the chosen member's new record, the attempt log, the reservation, the choice, the policy's
        // result and reason, the usage records).
        Assert.Equal(0, small);
        Assert.Equal(0, large);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void A_decision_under_budget_limits_allocates_nothing(string strategy)
    {
        // Global limits (one look at the ledger per decision) and a provider's own (one per candidate).
        Assert.Equal(0, BytesPerDecision(strategy, 100, new BudgetOptions { DailyLimit = 1_000m, MonthlyLimit = 10_000m, PerRequestLimit = 1m }));
        Assert.Equal(0, BytesPerDecision(strategy, 100, new BudgetOptions { DailyLimit = 1_000m, ProviderDailyLimits = new Dictionary<string, decimal> { ["p"] = 500m } }));
    }

    private static long BytesPerDecision(string strategy, int models, BudgetOptions? budget = null)
    {
        var builder = new MeshBuilder();
        if (budget is not null)
        {
            builder.UseBudget(budget);
        }
        builder.AddProvider(new OpenAICompatibleProvider(new ProviderOptions("p", "https://upstream.invalid/v1") { ApiKey = "sk-test-0123456789abcdef" }));
        builder.AddModels(Enumerable.Range(0, models).Select(i => new ModelDefinition
        {
            Id = $"p.model-{i}",
            ProviderId = "p",
            Capabilities = ["chat-completion"],
            ContextWindow = 128_000,
            Pricing = new ModelPricing(0.0001m + (i * 0.00001m), 0.0002m),
            DailyRequestLimit = 1_000_000,
        }).ToArray());
        builder.AddPool(new PoolDefinition { Id = "pool", Capability = "chat-completion", Strategy = strategy });
        using var mesh = builder.Build();
        MeshRuntime runtime;
        using (var lease = mesh.Acquire())
        {
            runtime = lease.Runtime;
        }
        var pool = runtime.ResolvePool("pool");
        var router = new Router(runtime);
        var request = new RoutingRequest { PoolId = pool.Id, Operation = MeshOperation.Chat, EstimatedPromptTokens = 40, RequestedOutputTokens = 100, SessionId = "session-1" };
        var usage = new Router.CallUsage(40, 60);
        var latency = TimeSpan.FromMilliseconds(80);
        for (var i = 0; i < Decisions; i++)
        {
            router.Decide(pool, request, usage, latency);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Decisions; i++)
        {
            router.Decide(pool, request, usage, latency);
        }
        return (GC.GetAllocatedBytesForCurrentThread() - before) / Decisions;
    }
}
