using ModelMesh.Testing;
using ModelMesh.Core.Tests.Routing;

namespace ModelMesh.Core.Tests.Streaming;

/// <summary>
/// A mesh stream holds its runtime (what a reload waits for before disposing the old one) from the start of
/// enumeration until it ends, fails or is disposed — never before enumeration starts, never after, never twice.
/// </summary>
public sealed class MeshStreamLeaseTests
{
    private static int Leases(MeshClient mesh)
    {
        using var probe = mesh.Acquire();
        return probe.Runtime.LeaseCount - 1; // without the probe's own
    }

    [Fact]
    public async Task A_stream_read_to_its_end_releases_the_runtime_before_it_is_disposed()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].EnqueueSse(MeshFixture.Stream("one", " two"));
        using var mesh = fx.Mesh();
        var chunks = mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()).GetAsyncEnumerator();
        Assert.Equal(0, Leases(mesh)); // nothing runs before enumeration starts

        Assert.True(await chunks.MoveNextAsync());
        Assert.Equal(1, Leases(mesh));
        while (await chunks.MoveNextAsync())
        {
        }

        Assert.Equal(0, Leases(mesh));
        await chunks.DisposeAsync();
        Assert.Equal(0, Leases(mesh)); // released once, not again
    }

    [Fact]
    public async Task A_stream_disposed_part_way_releases_the_runtime()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].EnqueueSse(MeshFixture.Stream("one", " two", " three"));
        using var mesh = fx.Mesh();
        var chunks = mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()).GetAsyncEnumerator();

        Assert.True(await chunks.MoveNextAsync());
        await chunks.DisposeAsync();

        Assert.Equal(0, Leases(mesh));
    }

    [Fact]
    public async Task A_stream_that_cannot_start_releases_the_runtime_and_fails_from_its_first_move()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        using var mesh = fx.Mesh();
        var chunks = mesh.Chat.Completions.StreamAsync(MeshFixture.Ask(model: "no-such-pool")).GetAsyncEnumerator();

        await Assert.ThrowsAsync<ModelNotFoundException>(async () => await chunks.MoveNextAsync());

        Assert.Equal(0, Leases(mesh));
        Assert.False(await chunks.MoveNextAsync()); // over, as an iterator that threw is
        await chunks.DisposeAsync();
        Assert.Equal(0, Leases(mesh));
    }

    [Fact]
    public async Task A_stream_never_started_takes_no_lease_and_checks_nothing()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        using var mesh = fx.Mesh();
        // An invalid request and a missing outcome are reported when enumeration starts, as before.
        var stream = mesh.Chat.Completions.StreamAsync(new ChatCompletionRequest { Model = "chat" }, outcome: null!);

        var chunks = stream.GetAsyncEnumerator();
        await chunks.DisposeAsync();
        Assert.Equal(0, Leases(mesh));
        await using var again = stream.GetAsyncEnumerator();
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await again.MoveNextAsync());
        Assert.Equal(0, Leases(mesh));
    }

    [Fact]
    public async Task A_stream_with_middleware_releases_the_runtime_when_it_ends()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].EnqueueSse(MeshFixture.Stream("one", " two"));
        var seen = new Seen();
        using var mesh = fx.Mesh(middleware: seen);

        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()));

        Assert.Equal(["one", " two"], texts);
        Assert.Equal(1, seen.Before);
        Assert.Equal(1, seen.After);
        Assert.Equal(0, Leases(mesh));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_call_token_and_the_enumeration_token_each_cancel_the_stream(bool byCallToken)
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk("one", role: "assistant"));
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted); // then silence, until the client goes away
        });
        using var mesh = fx.Mesh();
        using var callSource = new CancellationTokenSource();
        using var enumerationSource = new CancellationTokenSource();
        var chunks = mesh.Chat.Completions.StreamAsync(MeshFixture.Ask(), callSource.Token).WithCancellation(enumerationSource.Token).GetAsyncEnumerator();
        Assert.True(await chunks.MoveNextAsync());

        (byCallToken ? callSource : enumerationSource).CancelAfter(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await chunks.MoveNextAsync()).WaitAsync(TimeSpan.FromSeconds(20));

        await chunks.DisposeAsync();
        Assert.Equal(0, Leases(mesh));
    }

    private sealed class Seen : MeshMiddleware
    {
        public int Before { get; private set; }

        public int After { get; private set; }

        public override ValueTask BeforeRequestAsync(MiddlewareContext context, CancellationToken cancellationToken)
        {
            Before++;
            return ValueTask.CompletedTask;
        }

        public override ValueTask AfterResponseAsync(MiddlewareContext context, CancellationToken cancellationToken)
        {
            After++;
            return ValueTask.CompletedTask;
        }
    }
}
