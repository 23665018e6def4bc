using System.Diagnostics;
using Microsoft.Extensions.AI;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Telemetry;

/// <summary>The mesh's spans (GenAI conventions): one per request, one child per upstream attempt.</summary>
public sealed class MeshTracingTests
{
    internal static readonly RetryOptions OneAttempt = MeshFixture.FastRetry with { MaxAttempts = 1 };

    /// <summary>A mesh whose pool "chat" tries a.m, then b.m, once each; a model's failure threshold puts it on standby for 5 minutes.</summary>
    internal static MeshBuilder APreferred(MeshFixture fx, IEnumerable<ModelDefinition>? models = null, int failureThreshold = 3) =>
        fx.Builder(models).AddPool(new PoolDefinition
        {
            Id = "chat",
            Capability = "chat-completion",
            Strategy = RotationStrategies.PrioritySelection,
            Rotation = new RotationPolicyOptions { ModelPriority = ["a.m", "b.m"], FailureThreshold = failureThreshold, Cooldown = TimeSpan.FromMinutes(5) },
            Retry = OneAttempt,
        });

    [Fact]
    public async Task A_chat_that_fails_over_has_a_request_span_over_two_attempt_spans()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("upstream exploded for sk-test-a-0123456789"), 500);
        fx["b"].EnqueueJson(MeshFixture.CompletionJson("hello", prompt: 9, completion: 10));
        using var spans = new SpanCollector();
        var http = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var httpListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == spans.Root.TraceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = http.Enqueue,
        };
        ActivitySource.AddActivityListener(httpListener);
        using var mesh = APreferred(fx).Build();

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());

        var request = spans.Request;
        Assert.Equal("chat chat", request.DisplayName);
        Assert.Equal(ActivityKind.Client, request.Kind);
        Assert.Equal(ActivityStatusCode.Unset, request.Status);
        Assert.Equal("chat", request.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("modelmesh", request.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("chat", request.GetTagItem("gen_ai.request.model"));
        Assert.Equal("chat", request.GetTagItem("modelmesh.pool"));
        Assert.Equal(RotationStrategies.PrioritySelection, request.GetTagItem("modelmesh.strategy"));
        Assert.Equal("m", request.GetTagItem("gen_ai.response.model"));
        Assert.Equal(9L, request.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(10L, request.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(2, request.GetTagItem("modelmesh.attempts"));
        Assert.Null(request.GetTagItem("error.type"));

        var attempts = spans.AttemptsOf(request);
        Assert.Equal(2, attempts.Count);
        var (failed, answered) = (attempts[0], attempts[1]);
        Assert.Equal("chat m", failed.DisplayName);
        Assert.Equal(ActivityKind.Client, failed.Kind);
        Assert.Equal(1, failed.GetTagItem("modelmesh.attempt"));
        Assert.Equal("a", failed.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("m", failed.GetTagItem("gen_ai.request.model"));
        Assert.Equal("a.m", failed.GetTagItem("modelmesh.model"));
        Assert.Equal("127.0.0.1", failed.GetTagItem("server.address"));
        Assert.Equal(fx["a"].BaseUrl.Port, failed.GetTagItem("server.port"));
        Assert.Equal("server", failed.GetTagItem("error.type"));
        Assert.Equal("server", failed.GetTagItem("modelmesh.failover_reason"));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Null(failed.StatusDescription);

        Assert.Equal(2, answered.GetTagItem("modelmesh.attempt"));
        Assert.Equal("b", answered.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("b.m", answered.GetTagItem("modelmesh.model"));
        Assert.Equal("m", answered.GetTagItem("gen_ai.response.model"));
        Assert.Equal(9L, answered.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(10L, answered.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Null(answered.GetTagItem("error.type"));
        Assert.Null(answered.GetTagItem("modelmesh.failover_reason"));
        Assert.Equal(ActivityStatusCode.Unset, answered.Status);

        // Each HTTP call runs inside its attempt span, and the upstream gets the trace.
        Assert.Equal([failed.SpanId, answered.SpanId], http.OrderBy(h => h.StartTimeUtc).Select(h => h.ParentSpanId));
        Assert.StartsWith("00-" + spans.Root.TraceId.ToHexString() + "-", fx["b"].Requests.Single().Header("traceparent"), StringComparison.Ordinal);
        // Never the upstream's message or a key.
        Assert.DoesNotContain(spans.TagTexts, t => t.Contains("exploded", StringComparison.Ordinal) || t.Contains("sk-test", StringComparison.Ordinal));
        Assert.All(spans.Stopped, s => Assert.Empty(s.Events));
    }

    [Fact]
    public async Task A_request_no_model_could_answer_ends_its_span_with_the_error_type()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("down"), 500);
        fx["b"].EnqueueJson(MeshFixture.ErrorJson("rate limited", "rate_limit_error"), 429);
        using var spans = new SpanCollector();
        using var mesh = APreferred(fx).Build();

        await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()));

        var request = spans.Request;
        Assert.Equal(ActivityStatusCode.Error, request.Status);
        Assert.Equal(typeof(AllProvidersExhaustedException).FullName, request.GetTagItem("error.type"));
        Assert.Equal(["server", "rate_limit"], spans.AttemptsOf(request).Select(a => (string)a.GetTagItem("error.type")!));
    }

    [Fact]
    public async Task A_stream_records_its_first_chunk_and_its_request_span_ends_with_the_stream()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].EnqueueSse(MeshFixture.Stream("Hello", " world"));
        using var spans = new SpanCollector();
        using var mesh = APreferred(fx, [MeshFixture.Model("a")]).Build();

        var chunks = mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync());
        Assert.Empty(spans.Stopped); // the first chunk reached the caller; the request is still streaming

        while (await chunks.MoveNextAsync())
        {
        }
        await chunks.DisposeAsync();

        var request = spans.Request;
        Assert.Equal(ActivityStatusCode.Unset, request.Status);
        var attempt = Assert.Single(spans.AttemptsOf(request));
        Assert.IsType<double>(attempt.GetTagItem("gen_ai.response.time_to_first_chunk"));
        Assert.Equal("m", attempt.GetTagItem("gen_ai.response.model"));
        Assert.True(request.StartTimeUtc + request.Duration >= attempt.StartTimeUtc + attempt.Duration);
    }

    [Fact]
    public async Task A_stream_interrupted_after_output_ends_both_spans_in_error()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk(null, role: "assistant") + MeshFixture.Chunk("Hello") + MeshFixture.Chunk(" wor"));
        });
        using var spans = new SpanCollector();
        using var mesh = APreferred(fx).Build();

        await Assert.ThrowsAsync<StreamInterruptedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())));

        var request = spans.Request;
        Assert.Equal(ActivityStatusCode.Error, request.Status);
        Assert.Equal(typeof(StreamInterruptedException).FullName, request.GetTagItem("error.type"));
        var attempt = Assert.Single(spans.AttemptsOf(request)); // no failover after output
        Assert.Equal(ActivityStatusCode.Error, attempt.Status);
        Assert.NotNull(attempt.GetTagItem("error.type"));
        Assert.Null(attempt.GetTagItem("modelmesh.failover_reason"));
        Assert.Empty(fx["b"].Requests);
    }

    [Fact]
    public async Task A_stream_the_caller_stops_reading_ends_its_spans_as_cancelled_not_failed()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].EnqueueSse(MeshFixture.Stream("one", " two", " three"));
        using var spans = new SpanCollector();
        using var mesh = APreferred(fx, [MeshFixture.Model("a")]).Build();

        await foreach (var _ in mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()))
        {
            break;
        }

        var attempt = Assert.Single(spans.AttemptsOf(spans.Request));
        Assert.Equal("cancelled", attempt.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, attempt.Status);
        Assert.Equal(ActivityStatusCode.Unset, spans.Request.Status);
    }

    [Fact]
    public async Task Embeddings_have_their_own_operation_name()
    {
        await using var fx = await MeshFixture.StartAsync("e");
        fx["e"].EnqueueJson("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":3,"total_tokens":3}}""");
        using var spans = new SpanCollector();
        using var mesh = fx.Builder([MeshFixture.Model("e", "text-embedding-3-small", capability: "text-embeddings")])
            .AddPool(new PoolDefinition { Id = "embed", Capability = "text-embeddings" }).Build();

        await mesh.Embeddings.CreateAsync(new EmbeddingRequest { Model = "embed", Input = EmbeddingInput.FromText("hi") });

        var request = spans.Request;
        Assert.Equal("embeddings embed", request.DisplayName);
        Assert.Equal("embeddings", request.GetTagItem("gen_ai.operation.name"));
        var attempt = Assert.Single(spans.AttemptsOf(request));
        Assert.Equal("embeddings text-embedding-3-small", attempt.DisplayName);
        Assert.Equal("e", attempt.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("text-embedding-3-small", attempt.GetTagItem("gen_ai.response.model"));
        Assert.Equal(3L, attempt.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Null(attempt.GetTagItem("gen_ai.response.time_to_first_chunk"));
    }

    [Fact]
    public async Task A_request_span_names_what_the_caller_asked_for()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx.AlwaysAnswer("a");
        using var spans = new SpanCollector();
        using var mesh = APreferred(fx, [MeshFixture.Model("a")]).Build();

        await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(model: "chat-completion"));

        var request = spans.Request;
        Assert.Equal("chat chat-completion", request.DisplayName);
        Assert.Equal("chat-completion", request.GetTagItem("gen_ai.request.model"));
        Assert.Equal("chat", request.GetTagItem("modelmesh.pool"));
    }

    [Fact]
    public async Task The_MEAI_OpenTelemetry_span_wraps_the_mesh_request_span()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx.AlwaysAnswer("a");
        using var spans = new SpanCollector();
        var meai = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var meaiListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Experimental.Microsoft.Extensions.AI",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == spans.Root.TraceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = meai.Enqueue,
        };
        ActivitySource.AddActivityListener(meaiListener);
        using var mesh = APreferred(fx, [MeshFixture.Model("a")]).Build();
        using var pipeline = mesh.AsIChatClient("chat").AsBuilder().UseOpenTelemetry().Build();

        await pipeline.GetResponseAsync("Hello");

        var outer = Assert.Single(meai);
        var request = Assert.Single(spans.Stopped, s => s.ParentSpanId == outer.SpanId);
        Assert.Equal("chat chat", request.DisplayName);
        Assert.Equal(outer.ParentSpanId, spans.Root.SpanId);
        Assert.Single(spans.AttemptsOf(request));
    }
}
