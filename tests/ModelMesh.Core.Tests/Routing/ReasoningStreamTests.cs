using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>
/// Defect 9 of the correctness issue: reasoning is output. It is forwarded as it arrives, satisfies the first-token
/// timeout, and commits the stream: a failure after it is an interruption carrying the partial reasoning.
/// </summary>
public sealed class ReasoningStreamTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static string Reasoning(string text) =>
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";

    [Fact]
    public async Task Reasoning_reaches_the_caller_while_the_model_is_still_thinking()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk(null, role: "assistant") + Reasoning("Let me think"));
            await answer.Task.WaitAsync(context.RequestAborted);
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk("42") + MeshFixture.Chunk(null, "stop") + "data: [DONE]\n\n");
        });
        using var mesh = fx.Mesh();
        await using var chunks = mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()).GetAsyncEnumerator();

        var reasoning = "";
        while (reasoning.Length == 0)
        {
            Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(Bound));
            reasoning = chunks.Current.Choices.FirstOrDefault()?.Delta.ReasoningContent ?? "";
        }
        answer.SetResult(); // the answer is released only after the caller has seen the reasoning
        var text = "";
        while (await chunks.MoveNextAsync().AsTask().WaitAsync(Bound))
        {
            text += chunks.Current.Choices.FirstOrDefault()?.Delta.Content;
        }

        Assert.Equal("Let me think", reasoning);
        Assert.Equal("42", text);
    }

    [Fact]
    public async Task Reasoning_satisfies_the_first_token_timeout()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk(null, role: "assistant") + Reasoning("thinking"));
            await Task.Delay(1500, context.RequestAborted);
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk("done") + MeshFixture.Chunk(null, "stop") + "data: [DONE]\n\n");
        });
        fx["b"].EnqueueSse(MeshFixture.Stream("from b"));
        using var mesh = fx.Mesh(timeouts: new StreamTimeouts { FirstToken = TimeSpan.FromSeconds(1) });

        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())).WaitAsync(Bound);

        Assert.Equal(["done"], texts);
        Assert.Empty(fx["b"].Requests);
    }

    [Fact]
    public async Task A_failure_after_reasoning_is_an_interruption_that_carries_it()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, MeshFixture.Chunk(null, role: "assistant") + Reasoning("Step one") + Reasoning(", step two"));
            // cut mid-thought
        });
        fx["b"].EnqueueSse(MeshFixture.Stream("must", " not", " appear"));
        using var mesh = fx.Mesh(retry: MeshFixture.FastRetry with { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask())).WaitAsync(Bound));

        Assert.Equal("Step one, step two", error.PartialReasoning);
        Assert.Equal("", error.PartialText);
        Assert.Empty(fx["b"].Requests);
    }
}
