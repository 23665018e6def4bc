using System.Text;
using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>
/// Defects 5 and 6 (router side) and 13 of the correctness issue: absurd durations from options or upstreams
/// never crash a request or strand a reservation; 409 is retried; reasons are codes.
/// </summary>
public sealed class HostileValueTests
{
    [Fact]
    public async Task Absurd_programmatic_durations_do_not_crash_requests()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 500, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("boom"))));
        fx.AlwaysAnswer("b");
        using var mesh = fx.Mesh(
            rotation: new RotationPolicyOptions { FailureThreshold = 1, Cooldown = TimeSpan.MaxValue },
            retry: new RetryOptions { MaxAttempts = 2, InitialDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.MaxValue, TotalTimeout = TimeSpan.MaxValue, AttemptTimeout = TimeSpan.MaxValue },
            timeouts: new StreamTimeouts { FirstToken = TimeSpan.MaxValue, Idle = TimeSpan.MaxValue, Total = TimeSpan.MaxValue },
            budget: new BudgetOptions { DailyLimit = 10m });

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        fx["b"].EnqueueSse(MeshFixture.Stream("streamed"));
        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()));

        Assert.Equal("from b", reply.Choices[0].Message.Content);
        Assert.Equal(["streamed"], texts);
        var a = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(ModelStatus.Standby, a.Status);
        Assert.Equal(DateTimeOffset.MaxValue, a.CooldownUntil);
        Assert.Equal(0m, mesh.Usage.Budget.Reserved);
    }

    [Fact]
    public async Task An_endless_Retry_After_rests_the_model_fails_over_and_releases_the_reservation()
    {
        await using var fx = await MeshFixture.StartAsync("b");
        await using var hostile = await LoopbackUpstream.StartAsync();
        hostile.Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 429, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("slow down", "rate_limit_error"))));
        fx.AlwaysAnswer("b");
        using var mesh = fx.Builder()
            .AddProvider(new EndlessRetryAfterProvider(new ProviderOptions("a", hostile.BaseUrl) { ApiKey = "sk-test-a-0123456789" }))
            .AddModels(MeshFixture.Model("a"))
            .AddPool(new PoolDefinition { Id = "chat", Models = ["a.m", "b.m"], Retry = MeshFixture.FastRetry })
            .UseBudget(new BudgetOptions { DailyLimit = 10m })
            .Build();

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Equal("from b", reply.Choices[0].Message.Content);
        var a = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(DeactivationReason.RateLimited, a.DeactivationReason);
        Assert.Equal(DateTimeOffset.MaxValue, a.CooldownUntil);
        Assert.Equal(0m, mesh.Usage.Budget.Reserved);
    }

    [Fact]
    public async Task A_retryable_client_error_is_retried_on_the_same_model()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("conflict", "invalid_request_error"), 409);
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        using var mesh = fx.Mesh();

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Equal("from a", reply.Choices[0].Message.Content);
        Assert.Equal(2, fx["a"].Requests.Count);
        Assert.Empty(fx["b"].Requests);
    }

    [Fact]
    public async Task A_budget_refusal_is_recognised_by_its_reason_code()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        using var mesh = fx.Mesh(budget: new BudgetOptions { PerRequestLimit = 0.0000001m });
        Assert.True(mesh.Deactivate("b.m"));

        var error = await Assert.ThrowsAsync<BudgetExceededException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(maxTokens: 100)));
        var explanation = mesh.Explain(MeshFixture.Ask(maxTokens: 100));

        Assert.Equal("per_request", error.LimitType);
        Assert.Equal([ExclusionReason.Budget, ExclusionReason.Standby], explanation.Candidates.Select(c => c.Exclusion!.Value));
        Assert.Empty(fx["a"].Requests);
    }

    /// <summary>A connector whose classification asks for a wait no timer can hold.</summary>
    private sealed class EndlessRetryAfterProvider(ProviderOptions options) : OpenAICompatibleProvider(options)
    {
        protected override ErrorClassification ClassifyError(ProviderError error) =>
            base.ClassifyError(error) with { RetryAfter = TimeSpan.MaxValue };
    }
}
