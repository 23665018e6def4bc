using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>DESIGN §5.1: failover only before the first content; after it, an interruption that carries the partial text.</summary>
public sealed class StreamingContractTests
{
    private static readonly RetryOptions OneAttempt = MeshFixture.FastRetry with { MaxAttempts = 1 };

    [Fact]
    public async Task A_failure_before_the_stream_starts_fails_over_transparently()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson(MeshFixture.ErrorJson("overloaded"), 503);
        fx["b"].EnqueueSse(MeshFixture.Stream("Hello", " from", " b"));
        using var mesh = fx.Mesh(retry: OneAttempt);

        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()));

        Assert.Equal(["Hello", " from", " b"], texts);
    }

    [Fact]
    public async Task A_stream_cut_before_any_content_fails_over_and_nothing_of_it_reaches_the_caller()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk(null, role: "assistant"));
            // ends here: no content, no finish reason, no [DONE]
        });
        fx["b"].EnqueueSse(MeshFixture.Stream("only", " b"));
        using var mesh = fx.Mesh(retry: OneAttempt);
        var chunks = new List<ChatCompletionChunk>();

        await foreach (var chunk in mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()))
        {
            chunks.Add(chunk);
        }

        Assert.Single(chunks, c => c.Choices.Count > 0 && c.Choices[0].Delta.Role == "assistant"); // b's role chunk only
        Assert.Equal("only b", string.Concat(chunks.Select(c => c.Choices.FirstOrDefault()?.Delta.Content)));
        Assert.Single(fx["a"].Requests);
    }

    [Fact]
    public async Task An_in_band_error_before_content_fails_over()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueSse(MeshFixture.Chunk(null, role: "assistant") + "data: {\"error\":{\"message\":\"upstream overloaded\",\"code\":502}}\n\n");
        fx["b"].EnqueueSse(MeshFixture.Stream("fine"));
        using var mesh = fx.Mesh(retry: OneAttempt);

        Assert.Equal(["fine"], await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())));
    }

    [Fact]
    public async Task A_failure_after_content_raises_StreamInterrupted_with_the_partial_text_and_no_repeat()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk(null, role: "assistant") + MeshFixture.Chunk("Hello") + MeshFixture.Chunk(" wor"));
        });
        fx["b"].EnqueueSse(MeshFixture.Stream("must", " not", " appear"));
        using var mesh = fx.Mesh(retry: OneAttempt);
        var texts = new List<string>();

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()), texts));

        Assert.Equal(["Hello", " wor"], texts);
        Assert.Equal("Hello wor", error.PartialText);
        Assert.IsAssignableFrom<ProviderException>(error.InnerException);
        Assert.NotNull(error.Usage);
        Assert.Empty(fx["b"].Requests); // never restarted elsewhere: that would repeat output
        Assert.Equal(1, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").Failures);
    }

    [Fact]
    public async Task A_slow_first_token_fails_over_within_the_first_token_timeout()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk(null, role: "assistant"));
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        fx["b"].EnqueueSse(MeshFixture.Stream("quick"));
        using var mesh = fx.Mesh(retry: OneAttempt, timeouts: new StreamTimeouts { FirstToken = TimeSpan.FromMilliseconds(500) });

        var timer = System.Diagnostics.Stopwatch.StartNew();
        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()));

        Assert.Equal(["quick"], texts);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(1, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").Failures);
    }

    [Fact]
    public async Task Silence_after_content_ends_the_stream_with_an_idle_timeout_interruption()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk("Hi"));
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        using var mesh = fx.Mesh(retry: OneAttempt, timeouts: new StreamTimeouts { Idle = TimeSpan.FromMilliseconds(500) });

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())));

        Assert.Equal("Hi", error.PartialText);
        var timeout = Assert.IsType<ProviderTimeoutException>(error.InnerException);
        Assert.Contains("no chunk arrived", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_longer_than_its_total_time_is_interrupted()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            for (var i = 0; i < 100; i++)
            {
                await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk("tick "));
                await Task.Delay(100, context.RequestAborted);
            }
        });
        using var mesh = fx.Mesh(retry: OneAttempt, timeouts: new StreamTimeouts { Total = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())));

        Assert.StartsWith("tick ", error.PartialText, StringComparison.Ordinal);
        Assert.Contains("total time", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_answer_is_charged_by_its_usage_chunk()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        var usage = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":500,\"total_tokens\":1500}}\n\n";
        fx["a"].EnqueueSse(MeshFixture.Stream("paid").Replace("data: [DONE]", usage + "data: [DONE]", StringComparison.Ordinal));
        using var mesh = fx.Mesh();

        await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()));

        var a = mesh.Usage.ByModel["a.m"];
        Assert.Equal(1000, a.PromptTokens);
        Assert.Equal(500, a.CompletionTokens);
        Assert.Equal(0.002m, a.Cost); // 1000 × 0.001/1K + 500 × 0.002/1K
        Assert.Equal(0.002m, mesh.Usage.ByProvider["a"].Cost);
        Assert.Contains("\"include_usage\":true", fx["a"].Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_that_stops_reading_early_frees_the_reservation_and_the_model()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].EnqueueSse(MeshFixture.Stream("one", " two", " three"));
        using var mesh = fx.Mesh(budget: new BudgetOptions { DailyLimit = 1m });

        await foreach (var chunk in mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()))
        {
            if (chunk.Choices.FirstOrDefault()?.Delta.Content is not null)
            {
                break;
            }
        }

        var a = mesh.PoolStatus("chat").Models.Single();
        Assert.Equal(0, a.InFlight);
        Assert.Equal(0, a.Failures); // the caller left; the model did nothing wrong
        Assert.Equal(0m, mesh.Usage.Budget.Reserved);
        Assert.True(mesh.Usage.Budget.DailyUsed > 0m); // the prompt was still paid for
    }
}
