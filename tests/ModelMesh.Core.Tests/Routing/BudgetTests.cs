using System.Text;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Routing;

public sealed class BudgetTests
{
    // "Hello" estimates at 9 prompt tokens; with max_tokens 10 the estimate is 9 × 0.001/1K + 10 × 0.002/1K.
    private const decimal CostOfOne = 0.000029m;

    [Fact]
    public async Task Two_hundred_concurrent_requests_against_a_budget_for_fifty_never_overshoot_it()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].Otherwise(async (context, _) =>
        {
            await Task.Delay(20, context.RequestAborted); // keep requests in flight together
            await LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(MeshFixture.CompletionJson("ok", prompt: 9, completion: 10)));
        });
        using var mesh = fx.Mesh(budget: new BudgetOptions { DailyLimit = CostOfOne * 50 });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            try
            {
                await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(maxTokens: 10));
                return "ok";
            }
            catch (BudgetExceededException e)
            {
                Assert.Equal("daily", e.LimitType);
                return "budget";
            }
        }));

        Assert.Equal(50, outcomes.Count(o => o == "ok"));
        Assert.Equal(150, outcomes.Count(o => o == "budget"));
        Assert.Equal(50, fx["a"].Requests.Count); // refused requests were never sent
        var budget = mesh.Usage.Budget;
        Assert.Equal(CostOfOne * 50, budget.DailyUsed);
        Assert.Equal(0m, budget.Reserved);
        Assert.True(budget.Exceeded);
    }

    [Fact]
    public async Task A_request_estimated_above_the_per_request_limit_is_refused_before_it_is_sent()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        using var mesh = fx.Mesh(budget: new BudgetOptions { PerRequestLimit = 0.01m });

        var error = await Assert.ThrowsAsync<BudgetExceededException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(maxTokens: 10_000)));

        Assert.Equal("per_request", error.LimitType);
        Assert.Equal(0.01m, error.Limit);
        Assert.True(error.Actual > 0.01m);
        Assert.Empty(fx["a"].Requests);
    }

    [Fact]
    public async Task A_provider_over_its_own_limit_is_skipped_for_one_within_budget()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        using var mesh = fx.Mesh(budget: new BudgetOptions { ProviderDailyLimits = new Dictionary<string, decimal> { ["a"] = CostOfOne * 2 } });

        var answers = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(maxTokens: 10))).Choices[0].Message.Content);
        }

        Assert.Equal(["from a", "from a", "from b", "from b"], answers);
        Assert.Contains("provider:a budget", mesh.Explain(MeshFixture.Ask(maxTokens: 10)).Candidates[0].ExcludedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reported_cost_is_used_over_the_price_list_and_usage_is_kept_per_model_and_provider()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.CompletionJson("priced", prompt: 2000, completion: 1000));
        fx["a"].EnqueueJson(MeshFixture.CompletionJson("reported", prompt: 2000, completion: 1000, cost: "0.5"));
        using var mesh = fx.Mesh();

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        var usage = mesh.Usage;
        Assert.Equal(0.004m + 0.5m, usage.TotalCost); // 2000 × 0.001/1K + 1000 × 0.002/1K, then OpenRouter-style cost
        Assert.Equal(6000, usage.TotalTokens);
        Assert.Equal(2, usage.ByModel["a.m"].Requests);
        Assert.Equal(0.504m, usage.ByProvider["a"].Cost);
        Assert.False(usage.ByModel.ContainsKey("b.m"));
        Assert.Equal(0.504m, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").TotalCost);
    }

    [Fact]
    public async Task Spend_resets_with_the_UTC_day_but_not_the_month()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx.AlwaysAnswer("a");
        using var mesh = fx.Mesh(budget: new BudgetOptions { DailyLimit = CostOfOne, MonthlyLimit = 1m });
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(maxTokens: 10));
        await Assert.ThrowsAsync<BudgetExceededException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(maxTokens: 10)));

        fx.Clock.Advance(TimeSpan.FromDays(1));

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(maxTokens: 10));
        Assert.Equal(CostOfOne, mesh.Usage.Budget.DailyUsed);
        Assert.Equal(CostOfOne * 2, mesh.Usage.Budget.MonthlyUsed);
    }

    [Fact]
    public async Task The_alert_turns_on_at_the_threshold_and_a_non_enforced_budget_only_reports()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx.AlwaysAnswer("a");
        using var mesh = fx.Mesh(budget: new BudgetOptions { DailyLimit = CostOfOne * 2, AlertThreshold = 0.5, Enforce = false });

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(maxTokens: 10));
        Assert.True(mesh.Usage.Budget.Alert);
        Assert.False(mesh.Usage.Budget.Exceeded);
        for (var i = 0; i < 3; i++)
        {
            await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(maxTokens: 10));
        }
        Assert.True(mesh.Usage.Budget.Exceeded);
        Assert.Equal(0m, mesh.Usage.Budget.DailyRemaining);
    }
}
