using System.Diagnostics;
using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Routing;

public sealed class FailoverTests
{
    [Fact]
    public async Task A_retryable_error_is_retried_on_the_same_model()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("overloaded"), 503).EnqueueJson(MeshFixture.CompletionJson("second try"));
        using var mesh = fx.Mesh();

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Equal("second try", reply.Choices[0].Message.Content);
        Assert.Equal(2, fx["a"].Requests.Count);
        Assert.Empty(fx["b"].Requests);
        Assert.Equal("m", ChatBody(fx["a"].Requests[0].Body).Model); // the upstream name, not the mesh id
    }

    [Fact]
    public async Task When_retries_run_out_the_request_fails_over_to_the_next_model()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("down"), 500).EnqueueJson(MeshFixture.ErrorJson("down"), 500);
        fx["b"].EnqueueJson(MeshFixture.CompletionJson("from b"));
        using var mesh = fx.Mesh();

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Equal("from b", reply.Choices[0].Message.Content);
        Assert.Equal(2, fx["a"].Requests.Count); // MaxAttempts = 2 per model
        var a = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(2, a.ConsecutiveFailures);
        Assert.Equal(ModelStatus.Active, a.Status); // below the threshold of 3
    }

    [Fact]
    public async Task When_every_model_fails_the_exception_lists_every_attempt_with_its_error()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("a broke"), 500).EnqueueJson(MeshFixture.ErrorJson("a broke again"), 502);
        fx["b"].EnqueueJson(MeshFixture.ErrorJson("b broke"), 500).EnqueueJson(MeshFixture.ErrorJson("b broke again"), 500);
        using var mesh = fx.Mesh();

        var error = await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));

        Assert.Equal("chat", error.PoolId);
        Assert.Equal(["a.m", "a.m", "b.m", "b.m"], error.Attempts.Select(a => a.ModelId));
        Assert.All(error.Attempts, a => Assert.IsType<ProviderException>(a.Error));
        Assert.Equal([500, 502, 500, 500], error.Attempts.Select(a => ((ProviderException)a.Error).StatusCode!.Value));
        Assert.Contains("a broke again", error.Message, StringComparison.Ordinal);
        Assert.Contains("b broke", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_Retry_After_is_waited_for_and_the_same_model_retried()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("slow down", "rate_limit_error"), 429, new Dictionary<string, string> { ["retry-after-ms"] = "300" })
            .EnqueueJson(MeshFixture.CompletionJson("after waiting"));
        using var mesh = fx.Mesh();

        var timer = Stopwatch.StartNew();
        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Equal("after waiting", reply.Choices[0].Message.Content);
        Assert.True(timer.Elapsed >= TimeSpan.FromMilliseconds(280), $"waited only {timer.Elapsed}");
        Assert.Empty(fx["b"].Requests);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_maximum_delay_fails_over_at_once_and_cools_the_model_until_then()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("come back later", "rate_limit_error"), 429, new Dictionary<string, string> { ["Retry-After"] = "120" });
        fx["b"].EnqueueJson(MeshFixture.CompletionJson("from b")).EnqueueJson(MeshFixture.CompletionJson("b again"));
        using var mesh = fx.Mesh(strategy: RotationStrategies.PrioritySelection, rotation: new RotationPolicyOptions { ModelPriority = ["a.m", "b.m"] });

        var timer = Stopwatch.StartNew();
        Assert.Equal("from b", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(10));
        var a = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(ModelStatus.Standby, a.Status);
        Assert.Equal(DeactivationReason.RateLimited, a.DeactivationReason);
        Assert.Equal(fx.Clock.GetUtcNow().AddSeconds(120), a.CooldownUntil);

        // Even though a is preferred, it gets nothing until its Retry-After has passed.
        Assert.Equal("b again", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.Single(fx["a"].Requests);
    }

    [Fact]
    public async Task An_authentication_error_takes_all_of_the_providers_models_out_without_retrying()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("Incorrect API key provided", "invalid_request_error", "invalid_api_key"), 401);
        fx.AlwaysAnswer("b");
        ModelDefinition[] models = [MeshFixture.Model("a"), MeshFixture.Model("a", "big"), MeshFixture.Model("b")];
        using var mesh = fx.Mesh(models: models);

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Equal("from b", reply.Choices[0].Message.Content);
        Assert.Single(fx["a"].Requests); // no retry of an auth failure, and a.big was never tried
        var status = mesh.PoolStatus("chat").Models;
        Assert.All(status.Where(m => m.ProviderId == "a"), m => Assert.Equal(DeactivationReason.AuthenticationFailed, m.DeactivationReason));
        Assert.All(status.Where(m => m.ProviderId == "a"), m => Assert.Null(m.CooldownUntil));

        // It does not come back by itself, however much time passes; only by hand.
        fx.Clock.Advance(TimeSpan.FromDays(2));
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        Assert.Single(fx["a"].Requests);
        Assert.True(mesh.Reactivate("a.m"));
        Assert.Equal(ModelStatus.Active, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").Status);
    }

    [Fact]
    public async Task A_context_length_error_skips_to_a_model_with_a_larger_window()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("This model's maximum context length is 8192 tokens.", "invalid_request_error", "context_length_exceeded"), 400);
        fx["c"].EnqueueJson(MeshFixture.CompletionJson("from the big one"));
        ModelDefinition[] models = [MeshFixture.Model("a", contextWindow: 8_192), MeshFixture.Model("b", contextWindow: 4_096), MeshFixture.Model("c", contextWindow: 128_000)];
        using var mesh = fx.Mesh(models: models);

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Equal("from the big one", reply.Choices[0].Message.Content);
        Assert.Single(fx["a"].Requests);
        Assert.Empty(fx["b"].Requests); // smaller window than the one that already refused
        Assert.Equal(0, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").ConsecutiveFailures); // the request's fault, not the model's
    }

    [Fact]
    public async Task A_prompt_too_long_for_a_known_window_is_never_sent_to_that_model()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["b"].EnqueueJson(MeshFixture.CompletionJson("fits"));
        ModelDefinition[] models = [MeshFixture.Model("a", contextWindow: 100), MeshFixture.Model("b", contextWindow: 100_000)];
        using var mesh = fx.Mesh(models: models);

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(new string('x', 2_000)));

        Assert.Equal("fits", reply.Choices[0].Message.Content);
        Assert.Empty(fx["a"].Requests);
    }

    [Fact]
    public async Task A_bad_request_is_given_to_the_caller_without_failing_over()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("Invalid value for 'temperature'", "invalid_request_error"), 400);
        using var mesh = fx.Mesh();

        var error = await Assert.ThrowsAsync<ProviderException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));

        Assert.Equal(ProviderErrorCategory.Client, error.Category);
        Assert.Empty(fx["b"].Requests);
        Assert.Equal(0, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").Failures);
    }

    [Fact]
    public async Task The_total_time_bound_ends_a_request_whose_models_hang()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Enqueue(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        fx["b"].Enqueue(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        using var mesh = fx.Mesh(retry: MeshFixture.FastRetry with { TotalTimeout = TimeSpan.FromSeconds(1) });

        var timer = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));

        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(10), $"took {timer.Elapsed}");
        // The first model had half the time (another could follow), the second the rest; both hangs count against them.
        Assert.Equal(["a.m", "b.m"], error.Attempts.Select(a => a.ModelId));
        Assert.All(error.Attempts, a => Assert.IsType<ProviderTimeoutException>(a.Error));
        Assert.Contains("total time", error.Attempts[^1].Error.Message, StringComparison.Ordinal);
        Assert.All(mesh.PoolStatus("chat").Models, m => Assert.Equal(1, m.Failures));
    }

    [Fact]
    public async Task The_model_bound_limits_how_many_models_one_request_tries()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("x"), 500);
        fx["b"].EnqueueJson(MeshFixture.ErrorJson("y"), 500);
        fx.AlwaysAnswer("c");
        using var mesh = fx.Mesh(retry: MeshFixture.FastRetry with { MaxAttempts = 1, MaxModels = 2 });

        var error = await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));

        Assert.Equal(2, error.Attempts.Count);
        Assert.Empty(fx["c"].Requests);
    }

    [Fact]
    public async Task A_request_no_model_can_serve_fails_before_sending_with_each_models_reason()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        ModelDefinition[] models = [MeshFixture.Model("a", features: ModelFeatures.Streaming), MeshFixture.Model("b", features: ModelFeatures.Streaming | ModelFeatures.Tools)];
        using var mesh = fx.Mesh(models: models);
        var request = MeshFixture.Ask();
        request.Tools = [ChatTool.CreateFunction("lookup")];
        request.ResponseFormat = ResponseFormat.JsonObject();

        var error = await Assert.ThrowsAsync<NoActiveModelException>(() => mesh.Chat.Completions.CreateAsync(request));

        Assert.Contains("a.m: does not support tool calling, JSON mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("b.m: does not support JSON mode", error.Message, StringComparison.Ordinal);
        Assert.Empty(fx["a"].Requests);
        Assert.Empty(fx["b"].Requests);
    }

    [Fact]
    public async Task A_model_name_that_is_no_pool_capability_or_model_is_a_routing_error_naming_the_pools()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        using var mesh = fx.Mesh();

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "gpt-5-ultra")));

        Assert.Contains("'gpt-5-ultra' is not a pool", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pools: chat", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_may_name_a_capability_alias_or_a_model_id_instead_of_a_pool()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        using var mesh = fx.Mesh();

        Assert.Equal("from a", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chat-completion"))).Choices[0].Message.Content);
        Assert.Equal("from a", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "generation.text-generation.chat-completion"))).Choices[0].Message.Content);
        Assert.Equal("from b", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "b.m"))).Choices[0].Message.Content);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_counted_against_the_model_and_releases_the_budget()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].Enqueue(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        using var mesh = fx.Mesh(budget: new BudgetOptions { DailyLimit = 10m });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(), cancel.Token));

        var a = mesh.PoolStatus("chat").Models.Single();
        Assert.Equal(0, a.Failures);
        Assert.Equal(0, a.InFlight);
        Assert.Equal(0m, mesh.Usage.Budget.Reserved);
    }

    private static ChatCompletionRequest ChatBody(string? body) =>
        System.Text.Json.JsonSerializer.Deserialize(body!, ModelMeshJson.ChatCompletionRequest)!;
}
