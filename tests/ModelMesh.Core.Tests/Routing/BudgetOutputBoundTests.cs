using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>
/// Defect 8 of the correctness issue: under a budget, a request without an output limit is given one, so an
/// upstream that honours it cannot overshoot however long its answer would be; failed attempts pay for the
/// tokens they received.
/// </summary>
public sealed class BudgetOutputBoundTests
{
    [Fact]
    public async Task A_long_answer_cannot_overshoot_a_daily_limit()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        LongWinded(fx["a"]);
        var model = new ModelDefinition { Id = "a.m", ProviderId = "a", Capabilities = ["chat-completion"], Pricing = new ModelPricing(0.01m, 1m), MaxOutputTokens = 16_384 };
        using var mesh = fx.Mesh(models: [model], budget: new BudgetOptions { DailyLimit = 0.5m });

        var first = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));

        var sent = MaxTokensSent(fx["a"].Requests[0]);
        Assert.NotNull(sent);
        Assert.InRange(sent!.Value, 1, 500);
        Assert.Equal(sent, first.Usage!.CompletionTokens);
        Assert.True(mesh.Usage.Budget.DailyUsed <= 0.5m, $"spent {mesh.Usage.Budget.DailyUsed}");
        Assert.Equal("daily", refused.LimitType);
        Assert.Single(fx["a"].Requests);
    }

    [Fact]
    public async Task A_streamed_long_answer_cannot_overshoot_a_per_request_limit()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        LongWinded(fx["a"], stream: true);
        var model = new ModelDefinition { Id = "a.m", ProviderId = "a", Capabilities = ["chat-completion"], Pricing = new ModelPricing(0.01m, 1m) };
        using var mesh = fx.Mesh(models: [model], budget: new BudgetOptions { PerRequestLimit = 0.1m });

        await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()));

        var sent = MaxTokensSent(fx["a"].Requests[0]);
        Assert.InRange(sent!.Value, 1, 100);
        Assert.True(mesh.Usage.Budget.DailyUsed <= 0.1m, $"spent {mesh.Usage.Budget.DailyUsed}");
    }

    [Fact]
    public async Task Without_a_budget_the_request_goes_as_the_caller_wrote_it()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        LongWinded(fx["a"]);
        using var mesh = fx.Mesh();

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(maxTokens: 7));

        Assert.Null(MaxTokensSent(fx["a"].Requests[0]));
        Assert.Equal(7, MaxTokensSent(fx["a"].Requests[1]));
    }

    [Fact]
    public async Task A_model_whose_maximum_output_is_affordable_gets_no_bound_it_does_not_need()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        LongWinded(fx["a"]);
        var model = new ModelDefinition { Id = "a.m", ProviderId = "a", Capabilities = ["chat-completion"], Pricing = new ModelPricing(0.001m, 0.002m), MaxOutputTokens = 4096 };
        using var mesh = fx.Mesh(models: [model], budget: new BudgetOptions { DailyLimit = 100m });

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        Assert.Null(MaxTokensSent(fx["a"].Requests[0]));
    }

    [Fact]
    public async Task A_stream_that_failed_after_the_upstream_started_is_paid_for_not_free()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk(null, role: "assistant")
                + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":0,\"total_tokens\":1000}}\n\n");
            // cut: no output, no finish reason, no [DONE]
        });
        fx["b"].EnqueueSse(MeshFixture.Stream("fine"));
        using var mesh = fx.Mesh(retry: MeshFixture.FastRetry with { MaxAttempts = 1 }, budget: new BudgetOptions { DailyLimit = 100m });

        Assert.Equal(["fine"], await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())));

        var a = mesh.Usage.ByModel["a.m"];
        Assert.Equal(1000, a.PromptTokens);
        Assert.Equal(0.001m, a.Cost); // 1,000 prompt tokens at $0.001 per 1,000
        Assert.Equal(0m, mesh.Usage.Budget.Reserved);
        Assert.True(mesh.Usage.Budget.DailyUsed > 0.001m);
    }

    /// <summary>An upstream that writes 4,000 tokens unless the request bounds it, and reports what it wrote.</summary>
    private static void LongWinded(LoopbackUpstream upstream, bool stream = false) =>
        upstream.Otherwise((context, request) =>
        {
            var tokens = MaxTokensSent(request) ?? 4000;
            if (!stream)
            {
                return LoopbackUpstream.WriteAsync(context, 200, "application/json", Encoding.UTF8.GetBytes(MeshFixture.CompletionJson("long", 10, tokens)));
            }
            var body = MeshFixture.Chunk(null, role: "assistant") + MeshFixture.Chunk("long") + MeshFixture.Chunk(null, "length")
                + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":"
                + tokens.ToString(CultureInfo.InvariantCulture) + ",\"total_tokens\":" + (tokens + 10).ToString(CultureInfo.InvariantCulture) + "}}\n\ndata: [DONE]\n\n";
            return LoopbackUpstream.WriteAsync(context, 200, "text/event-stream", Encoding.UTF8.GetBytes(body));
        });

    private static int? MaxTokensSent(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body!);
        return body.RootElement.TryGetProperty("max_tokens", out var max) ? max.GetInt32() : null;
    }
}
