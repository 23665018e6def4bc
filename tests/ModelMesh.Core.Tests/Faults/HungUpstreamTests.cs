using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Faults;

/// <summary>
/// Defect 2 of the correctness issue: with default provider timeouts and only the pool's total time set, a model
/// that hangs is failed over from within that time and charged for it; a stream that has started stays bounded,
/// and keep-alive comments do not extend it.
/// </summary>
public sealed class HungUpstreamTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stream_that_hangs_after_its_headers_fails_over_within_the_total_time()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Otherwise(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        fx["b"].Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 200, "text/event-stream", System.Text.Encoding.UTF8.GetBytes(MeshFixture.Stream("from", " b"))));
        using var mesh = DefaultMesh(fx, new RetryOptions { TotalTimeout = TimeSpan.FromSeconds(6) });

        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())).WaitAsync(Bound);

        Assert.Equal(["from", " b"], texts);
        var a = mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(1, a.Failures); // the hang is a's failure
        await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())).WaitAsync(Bound);
        Assert.Single(fx["a"].Requests); // the next request does not go back to the hung model
    }

    [Fact]
    public async Task A_whole_request_whose_upstream_hangs_fails_over_within_the_total_time()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Otherwise(async (context, _) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        fx.AlwaysAnswer("b");
        using var mesh = DefaultMesh(fx, new RetryOptions { TotalTimeout = TimeSpan.FromSeconds(6) });

        var reply = await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask()).WaitAsync(Bound);

        Assert.Equal("from b", reply.Choices[0].Message.Content);
        Assert.Equal(1, mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m").Failures);
    }

    [Fact]
    public async Task Keep_alive_comments_do_not_keep_a_started_stream_alive_past_the_total_time()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk(null, role: "assistant") + MeshFixture.Chunk("Hello"));
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await LoopbackUpstream.WriteAndFlushAsync(context, ": ping\n\n");
                await Task.Delay(100, context.RequestAborted);
            }
        });
        using var mesh = DefaultMesh(fx, new RetryOptions { TotalTimeout = TimeSpan.FromSeconds(3) });
        var texts = new List<string>();

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()), texts).WaitAsync(Bound));

        Assert.Equal(["Hello"], texts);
        Assert.Equal("Hello", error.PartialText);
        Assert.IsType<ProviderTimeoutException>(error.InnerException);
        // The request's own time ran out, not the model: it is not charged a failure for it.
        Assert.Equal(0, mesh.PoolStatus("chat").Models.Single().Failures);
    }

    [Fact]
    public async Task A_stream_may_outlive_the_total_time_when_the_pool_lifts_it()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk(null, role: "assistant") + MeshFixture.Chunk("slow"));
            await Task.Delay(1500, context.RequestAborted);
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk(" answer") + MeshFixture.Chunk(null, "stop") + "data: [DONE]\n\n");
        });
        using var mesh = DefaultMesh(fx, new RetryOptions { TotalTimeout = TimeSpan.FromSeconds(1) }, new StreamTimeouts { Total = Timeout.InfiniteTimeSpan });

        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())).WaitAsync(Bound);

        Assert.Equal(["slow", " answer"], texts);
    }

    /// <summary>A mesh whose providers keep every default timeout; only the pool's retry and stream settings are given.</summary>
    private static MeshClient DefaultMesh(MeshFixture fx, RetryOptions retry, StreamTimeouts? timeouts = null)
    {
        var builder = new MeshBuilder();
        var ids = new List<string>();
        foreach (var id in new[] { "a", "b" })
        {
            LoopbackUpstream upstream;
            try
            {
                upstream = fx[id];
            }
            catch (KeyNotFoundException)
            {
                continue;
            }
            ids.Add(id);
            builder.AddProvider(new OpenAICompatibleProvider(new ProviderOptions(id, upstream.BaseUrl) { ApiKey = "sk-test-" + id + "-0123456789" }));
        }
        return builder.AddModels(ids.Select(id => MeshFixture.Model(id)))
            .AddPool(new PoolDefinition { Id = "chat", Capability = "chat-completion", Retry = retry, Timeouts = timeouts ?? new StreamTimeouts() })
            .Build();
    }
}
