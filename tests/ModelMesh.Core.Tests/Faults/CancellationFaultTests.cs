using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Faults;

/// <summary>
/// Defect 1 of the correctness issue: the caller's cancellation ends a stream with OperationCanceledException,
/// calls no other model and charges none — before the first token, during a header hang, mid-stream, or with a
/// token cancelled before the call.
/// </summary>
public sealed class CancellationFaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(false)] // the upstream hangs before its headers
    [InlineData(true)] // after its headers, before the first token
    public async Task Cancelling_while_the_upstream_hangs_charges_no_model(bool sendHeaders)
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var received = Hang(fx["a"], sendHeaders);
        fx.AlwaysAnswer("b");
        using var mesh = fx.Mesh();
        using var cancel = new CancellationTokenSource();

        var reading = MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask(), cancel.Token));
        await received.Task.WaitAsync(Bound);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Bound));
        AssertUntouched(mesh, fx);
    }

    [Fact]
    public async Task Cancelling_mid_stream_ends_with_OperationCanceled_not_an_interruption()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Otherwise(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk(null, role: "assistant") + MeshFixture.Chunk("Hello"));
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        fx.AlwaysAnswer("b");
        using var mesh = fx.Mesh();
        using var cancel = new CancellationTokenSource();
        var texts = new List<string>();

        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var chunk in mesh.Chat.Completions.StreamAsync(MeshFixture.Ask(), cancel.Token))
            {
                if (chunk.Choices.Count > 0 && chunk.Choices[0].Delta.Content is { } text)
                {
                    texts.Add(text);
                    await cancel.CancelAsync();
                }
            }
        }).WaitAsync(Bound);

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(["Hello"], texts);
        AssertUntouched(mesh, fx);
    }

    [Fact]
    public async Task A_token_cancelled_before_the_call_sends_nothing()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx.AlwaysAnswer("a").AlwaysAnswer("b");
        using var mesh = fx.Mesh();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask(), cancelled.Token)).WaitAsync(Bound));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(), cancelled.Token).WaitAsync(Bound));

        Assert.Empty(fx["a"].Requests);
        AssertUntouched(mesh, fx);
    }

    [Fact]
    public async Task Three_cancelled_streams_leave_a_healthy_pool_healthy()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var received = Hang(fx["a"], sendHeaders: true);
        fx.AlwaysAnswer("b");
        using var mesh = fx.Mesh();
        for (var i = 0; i < 3; i++)
        {
            using var cancel = new CancellationTokenSource();
            var reading = MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask(), cancel.Token));
            await received.Task.WaitAsync(Bound);
            received = Hang(fx["a"], sendHeaders: true);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Bound));
        }

        AssertUntouched(mesh, fx);
    }

    [Fact]
    public async Task Cancelling_a_whole_request_during_a_hang_charges_no_model()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        var received = Hang(fx["a"], sendHeaders: false);
        fx.AlwaysAnswer("b");
        using var mesh = fx.Mesh(budget: new BudgetOptions { DailyLimit = 10m });
        using var cancel = new CancellationTokenSource();

        var call = mesh.Chat.Completions.CreateAsync(MeshFixture.Ask(), cancel.Token);
        await received.Task.WaitAsync(Bound);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Bound));
        AssertUntouched(mesh, fx);
        Assert.Equal(0m, mesh.Usage.Budget.Reserved);
    }

    /// <summary>Makes the upstream's next request hang (optionally after sending its headers); the task completes when it arrives.</summary>
    private static TaskCompletionSource Hang(LoopbackUpstream upstream, bool sendHeaders)
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.Enqueue(async (context, _) =>
        {
            if (sendHeaders)
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
            received.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        return received;
    }

    /// <summary>No model was charged a failure, every model is active, and the second model was never called.</summary>
    private static void AssertUntouched(MeshClient mesh, MeshFixture fx)
    {
        var models = mesh.PoolStatus("chat").Models;
        Assert.All(models, m => Assert.Equal(0, m.Failures));
        Assert.All(models, m => Assert.Equal(ModelStatus.Active, m.Status));
        Assert.All(models, m => Assert.Equal(0, m.InFlight));
        Assert.Empty(fx["b"].Requests);
    }
}
