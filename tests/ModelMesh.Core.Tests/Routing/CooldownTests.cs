using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Routing;

public sealed class CooldownTests
{
    private static readonly RotationPolicyOptions TwoStrikes = new() { FailureThreshold = 2, Cooldown = TimeSpan.FromSeconds(60), ModelPriority = ["a.m", "b.m"] };
    private static readonly RetryOptions NoRetry = MeshFixture.FastRetry with { MaxAttempts = 1 };

    [Fact]
    public async Task A_model_that_reaches_the_failure_threshold_cools_down_and_then_comes_back_by_itself()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("x"), 500).EnqueueJson(MeshFixture.ErrorJson("x"), 500).EnqueueJson(MeshFixture.CompletionJson("a is back"));
        fx.AlwaysAnswer("b");
        using var mesh = fx.Mesh(RotationStrategies.PrioritySelection, TwoStrikes, NoRetry);

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()); // a fails once, b answers
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()); // a fails twice: standby
        var a = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(ModelStatus.Standby, a.Status);
        Assert.Equal(DeactivationReason.ErrorThreshold, a.DeactivationReason);
        Assert.Equal(fx.Clock.GetUtcNow().AddSeconds(60), a.CooldownUntil);

        fx.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("from b", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.Equal(2, fx["a"].Requests.Count);

        fx.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("a is back", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        var back = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(ModelStatus.Active, back.Status);
        Assert.False(back.OnProbation); // its success ended the probation
    }

    [Fact]
    public async Task A_recovered_model_that_fails_again_goes_straight_back_to_standby()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        for (var i = 0; i < 3; i++)
        {
            fx["a"].EnqueueJson(MeshFixture.ErrorJson("still broken"), 500);
        }
        fx.AlwaysAnswer("b");
        using var mesh = fx.Mesh(RotationStrategies.PrioritySelection, TwoStrikes, NoRetry);
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        fx.Clock.Advance(TimeSpan.FromSeconds(61));

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()); // the probe after the cooldown fails once

        var a = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(ModelStatus.Standby, a.Status); // one failure on probation is enough
        Assert.Equal(3, fx["a"].Requests.Count);
    }

    [Fact]
    public async Task A_high_error_rate_deactivates_a_model_that_never_fails_twice_in_a_row()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        for (var i = 0; i < 10; i++)
        {
            fx["a"].EnqueueJson(i % 2 == 0 ? MeshFixture.ErrorJson("flaky") : MeshFixture.CompletionJson("ok"), i % 2 == 0 ? 500 : 200);
        }
        fx.AlwaysAnswer("b");
        var rotation = new RotationPolicyOptions { FailureThreshold = 5, ErrorRateThreshold = 0.5, ErrorRateWindow = 10, ErrorRateMinimumRequests = 10, ModelPriority = ["a.m", "b.m"] };
        using var mesh = fx.Mesh(RotationStrategies.PrioritySelection, rotation, NoRetry);

        for (var i = 0; i < 10; i++)
        {
            await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        }

        var a = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(0.5, a.ErrorRate);
        Assert.Equal(ModelStatus.Standby, a.Status);
        Assert.Equal(DeactivationReason.ErrorThreshold, a.DeactivationReason);
    }

    [Fact]
    public async Task Rotate_moves_the_pool_off_its_current_model_for_one_cooldown()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        using var mesh = fx.Mesh(RotationStrategies.PrioritySelection, TwoStrikes);

        Assert.Equal("a.m", mesh.PoolStatus("chat").CurrentModel);
        Assert.Equal("a.m", mesh.Rotate("chat"));
        Assert.Equal("b.m", mesh.PoolStatus("chat").CurrentModel);
        Assert.Equal("from b", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);

        fx.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("from a", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
    }

    [Fact]
    public async Task Deactivate_by_hand_lasts_until_Reactivate()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        using var mesh = fx.Mesh(RotationStrategies.PrioritySelection, TwoStrikes);

        Assert.True(mesh.Deactivate("a.m"));
        Assert.False(mesh.Deactivate("a.m"));
        fx.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal("from b", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.Equal(DeactivationReason.Manual, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").DeactivationReason);

        Assert.True(mesh.Reactivate("a.m"));
        Assert.Equal("from a", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.Throws<ArgumentException>(() => mesh.Reactivate("nope.m"));
    }

    [Fact]
    public async Task A_daily_request_limit_takes_the_model_out_until_the_next_UTC_day()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        ModelDefinition[] models =
        [
            new() { Id = "a.m", ProviderId = "a", Capabilities = ["chat-completion"], DailyRequestLimit = 2 },
            MeshFixture.Model("b"),
        ];
        using var mesh = fx.Mesh(RotationStrategies.PrioritySelection, TwoStrikes, models: models);

        var answers = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        }
        Assert.Equal(["from a", "from a", "from b"], answers);
        Assert.Equal(DeactivationReason.RequestLimit, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").DeactivationReason);

        fx.Clock.Advance(TimeSpan.FromHours(13)); // 12:00 + 13 h: the next UTC day
        Assert.Equal("from a", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
    }

    [Fact]
    public async Task Failures_in_one_pool_cool_the_model_down_in_every_pool()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("x"), 500).EnqueueJson(MeshFixture.ErrorJson("x"), 500);
        fx.AlwaysAnswer("b");
        using var mesh = fx.Builder()
            .AddPool(new PoolDefinition { Id = "one", Capability = "chat-completion", Strategy = "priority-selection", Rotation = TwoStrikes, Retry = NoRetry })
            .AddPool(new PoolDefinition { Id = "two", Models = ["a.m", "b.m"], Rotation = TwoStrikes, Retry = NoRetry })
            .Build();

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "one"));
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "one"));

        Assert.Equal(ModelStatus.Standby, mesh.PoolStatus("two").Models.Single(m => m.ModelId == "a.m").Status);
        Assert.Equal("from b", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "two"))).Choices[0].Message.Content);
    }

    [Fact]
    public async Task A_policy_decides_how_long_a_model_rests_through_GetRecoverySchedule()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        var policy = new MaintenancePolicy();
        using var mesh = fx.Builder().AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion", Policy = policy }).Build();

        Assert.Equal("from b", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);

        var a = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(DeactivationReason.MaintenanceWindow, a.DeactivationReason);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero), a.CooldownUntil); // the window's end, not now + 60 s
        Assert.Same(fx.Clock, policy.TimeProvider);
    }

    /// <summary>Keeps model a off from 12:00 to 14:00 UTC and says so through the recovery schedule.</summary>
    private sealed class MaintenancePolicy : BaseRotationPolicy
    {
        public override string Id => "tests.maintenance.v1";

        private bool InWindow => Now.Hour is >= 12 and < 14;

        public override DeactivationReason? GetReason(ModelState state) =>
            base.GetReason(state) ?? (InWindow && state.ModelId == "a.m" ? DeactivationReason.MaintenanceWindow : null);

        public override DateTimeOffset? GetRecoverySchedule(ModelState state) =>
            state.DeactivationReason == DeactivationReason.MaintenanceWindow
                ? new DateTimeOffset(Now.UtcDateTime.Date.AddHours(14), TimeSpan.Zero)
                : base.GetRecoverySchedule(state);
    }
}
