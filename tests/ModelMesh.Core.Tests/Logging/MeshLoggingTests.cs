using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Logging;

/// <summary>The mesh's log: failover, standby, recovery, budget refusals and reloads are visible, with stable ids and no secret.</summary>
public sealed class MeshLoggingTests
{
    private static MeshClient Mesh(MeshFixture fx, CapturingLoggerProvider logs, BudgetOptions? budget = null) =>
        fx.Builder().UseLoggerFactory(logs).UseBudget(budget ?? new BudgetOptions())
            .AddPool(new PoolDefinition
            {
                Id = "chat",
                Capability = "chat-completion",
                Strategy = RotationStrategies.PrioritySelection,
                Rotation = new RotationPolicyOptions { ModelPriority = ["a.m", "b.m"], FailureThreshold = 1, Cooldown = TimeSpan.FromSeconds(30) },
                Retry = MeshFixture.FastRetry with { MaxAttempts = 1 },
            }).Build();

    [Fact]
    public async Task A_failover_and_the_standby_it_causes_are_logged_then_the_recovery()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("Incorrect key sk-test-a-0123456789 was given"), 500);
        fx.AlwaysAnswer("b");
        fx.AlwaysAnswer("a");
        var logs = new CapturingLoggerProvider();
        using var mesh = Mesh(fx, logs);

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        fx.Clock.Advance(TimeSpan.FromSeconds(31));
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        var entries = logs.Entries.ToArray();
        Assert.All(entries, e => Assert.Equal("ModelMesh", e.Category));
        var failover = Assert.Single(entries, e => e.Id.Id == 1002);
        Assert.Equal(LogLevel.Warning, failover.Level);
        Assert.Contains("a.m", failover.Message, StringComparison.Ordinal);
        Assert.Contains("Server", failover.Message, StringComparison.Ordinal);
        Assert.Contains(entries, e => e.Id.Id == 1100 && e.Message.Contains("a.m is on standby (ErrorThreshold)", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Id.Id == 1101 && e.Message.Contains("a.m is active again", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Id.Id == 1000 && e.Level == LogLevel.Debug);
        Assert.DoesNotContain(entries, e => e.Message.Contains("sk-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_budget_refusal_is_logged_with_its_limit()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        var logs = new CapturingLoggerProvider();
        using var mesh = fx.Builder([MeshFixture.Model("a")]).UseLoggerFactory(logs)
            .UseBudget(new BudgetOptions { PerRequestLimit = 0.0000001m })
            .AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion" }).Build();

        await Assert.ThrowsAsync<BudgetExceededException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(maxTokens: 100)));

        var refusal = Assert.Single(logs.Entries, e => e.Id.Id == 1200);
        Assert.Contains("per_request", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(fx["a"].Requests);
    }

    [Fact]
    public void A_rejected_reload_is_logged_as_an_error_and_an_applied_one_as_information()
    {
        var values = new Dictionary<string, string?>
        {
            ["ModelMesh:Providers:sim:Connector"] = "modelmesh.simulated.v1",
            ["ModelMesh:Pools:chat:Capability"] = "chat-completion",
        };
        var root = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturingLoggerProvider();
        var reloads = new List<bool>();
        using var mesh = ModelMesh.Mesh.FromConfiguration(root.GetSection("ModelMesh"), new MeshConfigOptions
        {
            LoggerFactory = logs,
            Reloaded = change => { lock (reloads) { reloads.Add(change.Succeeded); } },
        });

        root["ModelMesh:Pools:chat:FailureThreshold"] = "many";
        root.Reload();
        SpinWait.SpinUntil(() => { lock (reloads) { return reloads.Count >= 1; } }, TimeSpan.FromSeconds(10));
        root["ModelMesh:Pools:chat:FailureThreshold"] = "3";
        root.Reload();
        SpinWait.SpinUntil(() => { lock (reloads) { return reloads.Count >= 2; } }, TimeSpan.FromSeconds(10));

        var rejected = Assert.Single(logs.Entries, e => e.Id.Id == 1301);
        Assert.Equal(LogLevel.Error, rejected.Level);
        Assert.Contains("FailureThreshold", rejected.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Id.Id == 1300 && e.Level == LogLevel.Information);
    }

    [Fact]
    public async Task AddModelMesh_logs_through_the_containers_logger_factory()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("down"), 503);
        fx.AlwaysAnswer("b");
        var logs = new CapturingLoggerProvider();
        using var container = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(logs)
            .AddModelMesh(builder =>
            {
                foreach (var id in new[] { "a", "b" })
                {
                    builder.AddProvider(new OpenAICompatibleProvider(new ProviderOptions(id, fx[id].BaseUrl)));
                }
                builder.AddModels([MeshFixture.Model("a"), MeshFixture.Model("b")])
                    .AddPool(new PoolDefinition
                    {
                        Id = "chat",
                        Strategy = RotationStrategies.PrioritySelection,
                        Rotation = new RotationPolicyOptions { ModelPriority = ["a.m", "b.m"] },
                        Models = ["a.m", "b.m"],
                        Retry = MeshFixture.FastRetry with { MaxAttempts = 1 },
                    });
            })
            .BuildServiceProvider();

        await container.GetRequiredService<MeshClient>().Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Contains(logs.Entries, e => e.Id.Id == 1002 && e.Message.Contains("a.m", StringComparison.Ordinal));
    }
}
