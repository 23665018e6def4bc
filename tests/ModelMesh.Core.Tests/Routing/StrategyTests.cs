using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>Each strategy, selected by id or short name, routes differently from the default on the same pool.</summary>
public sealed class StrategyTests
{
    [Fact]
    public async Task The_default_is_stick_until_failure_and_it_stays_on_the_model_it_failed_over_to()
    {
        var sticky = await AnswerersAsync(RotationStrategies.StickUntilFailure, new RotationPolicyOptions { ModelPriority = ["a.m", "b.m"] }, 3, failFirstOnA: true);
        var priority = await AnswerersAsync("priority-selection", new RotationPolicyOptions { ModelPriority = ["a.m", "b.m"] }, 3, failFirstOnA: true);

        Assert.Equal(["b", "b", "b"], sticky);
        Assert.Equal(["b", "a", "a"], priority); // back to the preferred model as soon as it is eligible
    }

    [Fact]
    public async Task Round_robin_cycles_through_the_candidates()
    {
        Assert.Equal(["a", "b", "c", "a"], await AnswerersAsync("modelmesh.round-robin.v1", null, 4));
        Assert.Equal(["a", "a", "a", "a"], await AnswerersAsync(null, null, 4));
    }

    [Fact]
    public async Task Cost_first_picks_the_model_this_request_costs_least_on()
    {
        ModelDefinition[] models = [MeshFixture.Model("a", inputPer1K: 0.01m, outputPer1K: 0.03m), MeshFixture.Model("b", inputPer1K: 0.0001m, outputPer1K: 0.0002m), MeshFixture.Model("c", inputPer1K: 0.001m, outputPer1K: 0.002m)];

        Assert.Equal(["b", "b"], await AnswerersAsync("cost-first", null, 2, models: models));
        Assert.Equal(["a", "a"], await AnswerersAsync(null, null, 2, models: models));
    }

    [Fact]
    public async Task Latency_first_measures_each_model_then_keeps_to_the_fastest()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        Answer(fx, "a", delay: TimeSpan.FromMilliseconds(400));
        Answer(fx, "b", delay: TimeSpan.FromMilliseconds(150));
        Answer(fx, "c");
        using var mesh = fx.Mesh("latency-first");

        var answerers = await AskAsync(mesh, 6);

        Assert.Equal(["a", "b", "c"], answerers.Take(3)); // each unmeasured model is tried once
        Assert.All(answerers.Skip(3), who => Assert.Equal("c", who));
        Assert.Equal("c.m", mesh.Explain(MeshFixture.Ask()).SelectedModel);
        Assert.StartsWith("lowest average latency", mesh.Explain(MeshFixture.Ask()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_stickiness_keeps_each_session_on_one_model_and_spreads_sessions()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        AnswerAll(fx, "a", "b", "c");
        using var mesh = fx.Mesh("session-stickiness");
        var bySession = new Dictionary<string, HashSet<string>>();

        for (var round = 0; round < 3; round++)
        {
            for (var s = 0; s < 8; s++)
            {
                var request = MeshFixture.Ask();
                request.Metadata = new Dictionary<string, string> { ["session_id"] = "user-" + s };
                var reply = await mesh.Chat.Completions.CreateAsync(request);
                bySession.TryAdd("user-" + s, []);
                bySession["user-" + s].Add(reply.Choices[0].Message.Content!);
            }
        }

        Assert.All(bySession.Values, models => Assert.Single(models));
        Assert.True(bySession.Values.Select(v => v.Single()).Distinct().Count() >= 2, "sessions should spread over the models");
        Assert.Equal(["a", "a", "a"], await AnswerersAsync(null, null, 3)); // the default ignores sessions
    }

    [Fact]
    public async Task Session_stickiness_moves_only_the_sessions_of_a_model_that_leaves()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        AnswerAll(fx, "a", "b", "c");
        using var mesh = fx.Mesh("session-stickiness");
        var before = new Dictionary<string, string>();
        for (var s = 0; s < 30; s++)
        {
            before["u" + s] = mesh.Explain(SessionRequest("u" + s)).SelectedModel!;
        }
        var leaving = before.Values.GroupBy(v => v).OrderByDescending(g => g.Count()).First().Key;

        mesh.Deactivate(leaving);

        foreach (var (session, model) in before)
        {
            var now = mesh.Explain(SessionRequest(session)).SelectedModel;
            if (model == leaving)
            {
                Assert.NotEqual(leaving, now);
            }
            else
            {
                Assert.Equal(model, now);
            }
        }
    }

    [Fact]
    public async Task Rate_limit_aware_prefers_headroom_and_retires_a_model_at_its_limit()
    {
        var rotation = new RotationPolicyOptions { ModelRequestLimits = new Dictionary<string, long> { ["a.m"] = 2, ["b.m"] = 4 } };

        var answerers = await AnswerersAsync("rate-limit-aware", rotation, 6, providers: ["a", "b"]);

        Assert.Equal(["a", "b", "b", "a", "b"], answerers.Take(5));
        Assert.Equal(["a", "a", "a", "a", "a", "a"], await AnswerersAsync(null, rotation, 6, providers: ["a", "b"]));
    }

    [Fact]
    public async Task Rate_limit_aware_reports_quota_exhausted_when_every_limit_is_reached()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        Answer(fx, "a");
        using var mesh = fx.Mesh("rate-limit-aware", new RotationPolicyOptions { ModelRequestLimits = new Dictionary<string, long> { ["a.m"] = 1 } });
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        var error = await Assert.ThrowsAsync<NoActiveModelException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));

        Assert.Contains("QuotaExhausted", error.Message, StringComparison.Ordinal);
        Assert.Single(fx["a"].Requests);
    }

    [Fact]
    public async Task Load_balanced_spreads_requests_by_weight()
    {
        var rotation = new RotationPolicyOptions { ModelWeights = new Dictionary<string, double> { ["a.m"] = 3, ["b.m"] = 1 } };

        var answerers = await AnswerersAsync("load-balanced", rotation, 8, providers: ["a", "b"]);

        Assert.Equal(6, answerers.Count(a => a == "a"));
        Assert.Equal(2, answerers.Count(a => a == "b"));
        Assert.Equal(8, (await AnswerersAsync(null, rotation, 8, providers: ["a", "b"])).Count(a => a == "a"));
    }

    [Fact]
    public async Task Explain_is_a_dry_run_that_does_not_advance_a_stateful_strategy()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        AnswerAll(fx, "a", "b", "c");
        using var mesh = fx.Mesh("round-robin");

        var first = mesh.Explain(MeshFixture.Ask());
        var again = mesh.Explain(MeshFixture.Ask());

        Assert.Equal("a.m", first.SelectedModel);
        Assert.Equal("a.m", again.SelectedModel);
        Assert.Equal(RotationStrategies.RoundRobin, first.Strategy);
        Assert.Equal("generation.text-generation.chat-completion", first.Capability);
        Assert.Equal(3, first.Candidates.Count);
        Assert.All(first.Candidates, c => Assert.True(c.Eligible));
        Assert.Equal("from a", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.Equal("b.m", mesh.Explain(MeshFixture.Ask()).SelectedModel);
    }

    [Fact]
    public async Task Explain_names_the_reason_each_excluded_candidate_is_out()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        ModelDefinition[] models = [MeshFixture.Model("a", contextWindow: 50), MeshFixture.Model("b", features: ModelFeatures.Streaming), MeshFixture.Model("c")];
        using var mesh = fx.Mesh(models: models);
        mesh.Deactivate("c.m");
        var request = MeshFixture.Ask(new string('x', 400));
        request.Tools = [ChatTool.CreateFunction("f")];

        var explanation = mesh.Explain(request);

        Assert.Null(explanation.SelectedModel);
        Assert.Contains("exceed its context window of 50", explanation.Candidates[0].ExcludedBecause, StringComparison.Ordinal);
        Assert.Equal("does not support tool calling", explanation.Candidates[1].ExcludedBecause);
        Assert.Equal("on standby (Manual)", explanation.Candidates[2].ExcludedBecause);
        Assert.StartsWith("no model is eligible", explanation.Reason, StringComparison.Ordinal);
        Assert.True(explanation.EstimatedPromptTokens >= 100);
    }

    [Fact]
    public void Every_strategy_is_registered_by_id_and_short_name()
    {
        string[] names = ["stick-until-failure", "priority-selection", "round-robin", "cost-first", "latency-first", "session-stickiness", "rate-limit-aware", "load-balanced"];
        foreach (var name in names)
        {
            Assert.Equal("modelmesh." + name + ".v1", RotationPolicies.Create(name).Id);
            Assert.Equal("modelmesh." + name + ".v1", RotationPolicies.Create("modelmesh." + name + ".v1").Id);
        }
        var error = Assert.Throws<ArgumentException>(() => RotationPolicies.Create("modelmesh.random.v1"));
        Assert.Contains("modelmesh.round-robin.v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_policy_registered_by_id_is_used_by_a_pool_that_names_it()
    {
        RotationPolicies.Register("tests.last-first.v1", o => new LastFirstPolicy(o));
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        AnswerAll(fx, "a", "b", "c");
        using var mesh = fx.Mesh("last-first");

        Assert.Equal("from c", (await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content);
        Assert.Equal("tests.last-first.v1", mesh.PoolStatus("chat").Strategy);
    }

    private sealed class LastFirstPolicy(RotationPolicyOptions options) : BaseRotationPolicy(options)
    {
        public override string Id => "tests.last-first.v1";

        public override SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request) =>
            new(candidates[^1], 0, "the last one");
    }

    private static ChatCompletionRequest SessionRequest(string session)
    {
        var request = MeshFixture.Ask();
        request.Metadata = new Dictionary<string, string> { ["session_id"] = session };
        return request;
    }

    private static async Task<List<string>> AnswerersAsync(string? strategy, RotationPolicyOptions? rotation, int requests, bool failFirstOnA = false, ModelDefinition[]? models = null, string[]? providers = null)
    {
        await using var fx = await MeshFixture.StartAsync(providers ?? ["a", "b", "c"]);
        if (failFirstOnA)
        {
            fx["a"].EnqueueJson(MeshFixture.ErrorJson("blip"), 500);
        }
        foreach (var id in providers ?? ["a", "b", "c"])
        {
            Answer(fx, id);
        }
        using var mesh = fx.Mesh(strategy ?? RotationStrategies.StickUntilFailure, rotation, MeshFixture.FastRetry with { MaxAttempts = 1 }, models);
        return await AskAsync(mesh, requests);
    }

    private static async Task<List<string>> AskAsync(MeshClient mesh, int requests)
    {
        var answerers = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            answerers.Add((await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask())).Choices[0].Message.Content![5..]);
        }
        return answerers;
    }

    private static void AnswerAll(MeshFixture fx, params string[] ids)
    {
        foreach (var id in ids)
        {
            Answer(fx, id);
        }
    }

    private static void Answer(MeshFixture fx, string id, TimeSpan? delay = null)
    {
        fx[id].Otherwise(async (context, _) =>
        {
            if (delay is TimeSpan wait)
            {
                await Task.Delay(wait, context.RequestAborted);
            }
            await LoopbackUpstream.WriteAsync(context, 200, "application/json", System.Text.Encoding.UTF8.GetBytes(MeshFixture.CompletionJson("from " + id)));
        });
    }
}
