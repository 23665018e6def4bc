using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers;

public class StreamingTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task First_chunk_reaches_the_caller_while_the_upstream_is_still_sending()
    {
        await using var f = await ProviderFixture.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        f.Upstream.Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, ProviderFixture.Chunk("Hel"));
            await gate.Task.WaitAsync(Bound, context.RequestAborted); // pause mid-stream until the caller has the first chunk
            await LoopbackUpstream.WriteAndFlushAsync(context, ProviderFixture.Chunk("lo", "stop") + "data: [DONE]\n\n");
        });

        await using var chunks = f.Provider.StreamAsync(ProviderFixture.Request()).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(Bound)); // would time out if the provider buffered the body
        Assert.Equal("Hel", chunks.Current.Choices[0].Delta.Content);
        Assert.False(gate.Task.IsCompleted);

        gate.SetResult();
        Assert.True(await chunks.MoveNextAsync());
        Assert.Equal("lo", chunks.Current.Choices[0].Delta.Content);
        Assert.Equal("stop", chunks.Current.Choices[0].FinishReason);
        Assert.False(await chunks.MoveNextAsync());
    }

    [Fact]
    public async Task Connection_reset_mid_stream_is_a_retryable_network_error_after_the_delivered_chunk()
    {
        await using var f = await ProviderFixture.StartAsync();
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        f.Upstream.Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, ProviderFixture.Chunk("partial"));
            // Reset only once the client has the chunk: a TCP reset discards data the client has not read yet.
            await delivered.Task.WaitAsync(Bound, context.RequestAborted);
            context.Abort();
        });

        var received = new List<string?>();
        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var chunk in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
                received.Add(chunk.Choices[0].Delta.Content);
                delivered.TrySetResult();
            }
        }).WaitAsync(Bound);
        Assert.Equal(["partial"], received);
        Assert.Equal(ProviderErrorCategory.Network, error.Category);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Stream_that_ends_cleanly_but_before_its_terminator_and_finish_reason_is_an_error_not_a_silent_end()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueSse(ProviderFixture.Chunk("Hel") + ProviderFixture.Chunk("lo"));

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var _ in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
            }
        });
        Assert.Equal(ProviderErrorCategory.Network, error.Category);
        Assert.Contains("closed the stream before it was complete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_with_a_finish_reason_but_no_done_marker_and_no_final_newline_completes()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueSse(ProviderFixture.Chunk("Hi") + ProviderFixture.Chunk("!", "stop").TrimEnd('\n'));

        var accumulator = new ChatStreamAccumulator();
        await foreach (var chunk in f.Provider.StreamAsync(ProviderFixture.Request()))
        {
            accumulator.Add(chunk);
        }
        Assert.Equal("Hi!", accumulator.Text);
        Assert.Equal("stop", accumulator.ToCompletion().Choices[0].FinishReason);
    }

    [Fact]
    public async Task Silence_longer_than_the_idle_timeout_ends_the_stream_with_a_timeout()
    {
        await using var f = await ProviderFixture.StartAsync(url => new ProviderOptions("idle", url) { StreamIdleTimeout = TimeSpan.FromMilliseconds(300) });
        f.Upstream.Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, ProviderFixture.Chunk("a"));
            await Task.Delay(Bound, context.RequestAborted);
        });

        var received = 0;
        var error = await Assert.ThrowsAsync<ProviderTimeoutException>(async () =>
        {
            await foreach (var _ in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
                received++;
            }
        }).WaitAsync(Bound);
        Assert.Equal(1, received);
        Assert.True(error.IsRetryable);
        Assert.Contains("stream data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_mid_stream_surfaces_as_cancellation_not_a_provider_error()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, ProviderFixture.Chunk("a"));
            await Task.Delay(Bound, context.RequestAborted);
        });

        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in f.Provider.StreamAsync(ProviderFixture.Request(), cts.Token))
            {
                await cts.CancelAsync();
            }
        }).WaitAsync(Bound);
    }

    [Fact]
    public async Task Error_chunk_with_content_delivers_the_content_then_throws()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueSse(ProviderFixture.Chunk("Hel")
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"error\":{\"code\":502,\"message\":\"upstream died\"},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"error\"}]}\n\n");

        var received = new List<string?>();
        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var chunk in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
                received.Add(chunk.Choices[0].Delta.Content);
            }
        });
        Assert.Equal(["Hel", "lo"], received);
        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.Equal("502", error.ErrorCode);
        Assert.Contains("upstream died", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reasoning_content")]
    [InlineData("reasoning")]
    public async Task Error_chunk_with_reasoning_delivers_the_reasoning_then_throws(string field)
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueSse(
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"error\":{\"code\":502,\"message\":\"upstream died\"},\"choices\":[{\"index\":0,\"delta\":{\""
            + field + "\":\"Let me think\"},\"finish_reason\":null}]}\n\n");

        var received = new List<string?>();
        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var chunk in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
                received.Add(chunk.Choices[0].Delta.ReasoningContent ?? chunk.Choices[0].Delta.Reasoning);
            }
        }).WaitAsync(Bound);
        Assert.Equal(["Let me think"], received); // reasoning is output: delivered before the error, never dropped
        Assert.Equal("502", error.ErrorCode);
    }

    [Fact]
    public async Task Named_error_event_from_the_anthropic_capture_is_a_typed_server_error()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueBytes(ConformanceCaptures.ReadBytes("anthropic/stream-error-overloaded.sse"), "text/event-stream");

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var _ in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
            }
        });
        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.Equal("overloaded_error", error.Classification.Type);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Malformed_json_chunk_is_a_retryable_server_error_that_says_so()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueSse(ProviderFixture.Chunk("ok") + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"\n\n");

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var _ in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
            }
        });
        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_typed_chunk_member_is_a_retryable_server_error_naming_the_member()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueSse(ProviderFixture.Chunk("ok") + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":5}}]}\n\ndata: [DONE]\n\n");

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var _ in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
            }
        });
        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.IsType<System.Text.Json.JsonException>(error.InnerException, exactMatch: false);
        Assert.Contains("choices[].delta.content", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunks_of_one_stream_share_the_strings_they_repeat()
    {
        await using var f = await ProviderFixture.StartAsync();
        f.Upstream.EnqueueSse(ProviderFixture.Chunk("a") + ProviderFixture.Chunk("b", "stop") + "data: [DONE]\n\n");

        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in f.Provider.StreamAsync(ProviderFixture.Request()))
        {
            chunks.Add(chunk);
        }
        Assert.Equal(2, chunks.Count);
        Assert.Same(chunks[0].Id, chunks[1].Id);
        Assert.Same(chunks[0].Model, chunks[1].Model);
        Assert.Same(chunks[0].Object, chunks[1].Object);
        Assert.Equal(["a", "b"], chunks.Select(c => c.Choices[0].Delta.Content));
    }

    [Fact]
    public async Task Rate_limit_before_the_stream_starts_is_thrown_with_its_retry_delay()
    {
        await using var f = await ProviderFixture.StartAsync();
        var anthropic429 = ConformanceCaptures.ReadHeaders("anthropic/error-429.headers.txt");
        f.Upstream.EnqueueBytes(ConformanceCaptures.ReadBytes("anthropic/error-429.json"), "application/json", anthropic429.StatusCode!.Value,
            new Dictionary<string, string> { ["x-should-retry"] = "true", ["retry-after"] = "3" });

        var error = await Assert.ThrowsAsync<RateLimitException>(async () =>
        {
            await foreach (var _ in f.Provider.StreamAsync(ProviderFixture.Request()))
            {
            }
        });
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        Assert.Equal("rate_limit_error", error.Classification.Type);
        Assert.True(error.IsRetryable);
    }
}
