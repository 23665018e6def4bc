using ModelMesh.Cdk;
using ModelMesh.Routing;
using Xunit;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>
/// The built-in policies decide on kept health figures (no records), the public policy methods on records
/// (<c>Explain</c>, custom policies): both must choose the same model from the same states.
/// </summary>
public sealed class FiguresPathTests
{
    public static TheoryData<string> Strategies => RoutingDecisionAllocationTests.Strategies;

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Routing_chooses_what_Explain_predicts_as_health_changes(string strategy)
    {
        var rotation = new RotationPolicyOptions
        {
            ModelPriority = ["p.model-5"],
            ModelWeights = new Dictionary<string, double> { ["p.model-2"] = 3 },
            ModelRequestLimits = new Dictionary<string, long> { ["p.model-1"] = 40 },
            MaxLatency = TimeSpan.FromMilliseconds(400),
        };
        var (mesh, runtime, pool) = Build(strategy, 8, rotation);
        using (mesh)
        {
            var router = new Router(runtime);
            var now = runtime.Services.Clock.GetUtcNow();
            for (var round = 0; round < 60; round++)
            {
                // Change some members between decisions: failures (error rate, stick-until-failure), latency.
                var member = pool.Members[(round * 3) % pool.Members.Count];
                member.Health.BeginRequest(now);
                if (round % 4 == 0)
                {
                    member.Health.RecordFailure(now, countsAgainstModel: true);
                    pool.Policy.OnCompleted(pool.Snapshot(member), succeeded: false);
                }
                else
                {
                    member.Health.RecordSuccess(now, TimeSpan.FromMilliseconds(50 + (round * 7 % 500)), 10, 0.001m);
                }
                var request = Request(pool, "session-" + (round % 5));
                var predicted = router.Explain(pool, Request(pool, "session-" + (round % 5), dryRun: true)).SelectedModel;
                var routed = router.Decide(pool, request, new Router.CallUsage(10, 10), TimeSpan.FromMilliseconds(90 + round)).Model.Id;
                Assert.Equal(predicted, routed);
            }
        }
    }

    [Fact]
    public void Cost_first_breaks_exact_ties_of_the_estimate_as_Explain_does()
    {
        // Prices whose estimates are equal in decimals (40 prompt, 100 output tokens) though not in doubles, and a
        // cheaper one that spends most: the decision's approximate pass must keep every near tie for the exact
        // score, whose tie-break (the least spent so far) then decides as Explain's.
        var prices = new[]
        {
            new ModelPricing(0.0005m, 0.0001m), new ModelPricing(0.00025m, 0.0002m), new ModelPricing(0.00075m, 0m),
            new ModelPricing(0.0003m, 0.00018m), new ModelPricing(0.0015m, 0.0001m),
        };
        var builder = new MeshBuilder();
        builder.AddProvider(new OpenAICompatibleProvider(new ProviderOptions("p", "https://upstream.invalid/v1") { ApiKey = "sk-test-0123456789abcdef" }));
        builder.AddModels(prices.Select((price, i) => new ModelDefinition { Id = $"p.model-{i}", ProviderId = "p", Capabilities = ["chat-completion"], Pricing = price }).ToArray());
        builder.AddPool(new PoolDefinition { Id = "pool", Capability = "chat-completion", Strategy = RotationStrategies.CostFirst });
        using var mesh = builder.Build();
        MeshRuntime runtime;
        using (var lease = mesh.Acquire())
        {
            runtime = lease.Runtime;
        }
        var pool = runtime.ResolvePool("pool");
        var router = new Router(runtime);
        var chosen = new HashSet<string>();
        for (var round = 0; round < 24; round++)
        {
            var predicted = router.Explain(pool, Request(pool, null, dryRun: true)).SelectedModel;
            // Each answer costs what was asked of the model it went to, so the tied ones take turns by what they spent.
            var routed = router.Decide(pool, Request(pool, null), new Router.CallUsage(40 + round, 100), TimeSpan.FromMilliseconds(50)).Model.Id;
            Assert.Equal(predicted, routed);
            chosen.Add(routed);
        }
        Assert.Equal(["p.model-0", "p.model-1", "p.model-2", "p.model-3"], chosen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Session_stickiness_maps_sessions_to_the_same_models_in_every_process()
    {
        // Pinned: the mapping is a stable hash of the ids (not string.GetHashCode, which changes per process).
        var (mesh, runtime, pool) = Build(RotationStrategies.SessionStickiness, 10, new RotationPolicyOptions());
        using (mesh)
        {
            var router = new Router(runtime);
            var chosen = Enumerable.Range(0, 6).Select(s => router.Explain(pool, Request(pool, "user-" + s, dryRun: true)).SelectedModel).ToArray();
            Assert.Equal(string.Join(",", Pinned), string.Join(",", chosen));
        }
    }

    // Computed independently (FNV-1a 64 over UTF-8, splitmix64 finish, rendezvous maximum); SHA-256 gave 8, 1, 4, 3, 8, 5.
    private static readonly string[] Pinned = ["p.model-4", "p.model-7", "p.model-0", "p.model-3", "p.model-5", "p.model-2"];

    [Fact]
    public void The_stable_hash_is_pinned()
    {
        Assert.Equal(0x02C0BDBF481420F8UL, StableHash.Of("a"));
        Assert.Equal(StableHash.Of("p.model-1"), StableHash.Of(new string("p.model-1".ToCharArray())));
        Assert.NotEqual(StableHash.Of("p.model-1"), StableHash.Of("p.model-2"));
    }

    internal static RoutingRequest Request(RoutingPool pool, string? session, bool dryRun = false) =>
        new() { PoolId = pool.Id, Operation = MeshOperation.Chat, EstimatedPromptTokens = 40, RequestedOutputTokens = 100, SessionId = session, DryRun = dryRun };

    internal static (MeshClient Mesh, MeshRuntime Runtime, RoutingPool Pool) Build(string strategy, int models, RotationPolicyOptions rotation, BudgetOptions? budget = null)
    {
        var builder = new MeshBuilder();
        builder.AddProvider(new OpenAICompatibleProvider(new ProviderOptions("p", "https://upstream.invalid/v1") { ApiKey = "sk-test-0123456789abcdef" }));
        builder.AddModels(Enumerable.Range(0, models).Select(i => new ModelDefinition
        {
            Id = $"p.model-{i}",
            ProviderId = "p",
            Capabilities = ["chat-completion"],
            ContextWindow = 128_000,
            Pricing = new ModelPricing(0.0001m + (i % 3 * 0.00001m), 0.0002m),
            DailyRequestLimit = 1_000_000,
        }).ToArray());
        builder.AddPool(new PoolDefinition { Id = "pool", Capability = "chat-completion", Strategy = strategy, Rotation = rotation });
        if (budget is not null)
        {
            builder.UseBudget(budget);
        }
        var mesh = builder.Build();
        MeshRuntime runtime;
        using (var lease = mesh.Acquire())
        {
            runtime = lease.Runtime;
        }
        return (mesh, runtime, runtime.ResolvePool("pool"));
    }
}
