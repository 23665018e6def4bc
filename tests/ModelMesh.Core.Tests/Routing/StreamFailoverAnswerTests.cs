using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>
/// The mesh counts an attempt's chunks in the answer it delivers from the first chunk on; an attempt that fails over
/// before its first output must leave nothing of itself in that answer (its id, model or usage).
/// </summary>
public sealed class StreamFailoverAnswerTests
{
    [Fact]
    public async Task The_answer_middleware_sees_after_a_failover_before_content_is_the_second_models_alone()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context,
                "data: {\"id\":\"from-a\",\"object\":\"chat.completion.chunk\",\"created\":7,\"model\":\"model-a\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}],"
                + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50,\"total_tokens\":150}}\n\n");
            // ends here: no content, no finish reason, no [DONE]
        });
        fx["b"].EnqueueSse(MeshFixture.Stream("only", " b"));
        var answers = new Answers();
        using var mesh = fx.Mesh(retry: MeshFixture.FastRetry with { MaxAttempts = 1 }, middleware: answers);

        var texts = await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()));

        Assert.Equal(["only", " b"], texts);
        var answer = Assert.Single(answers.Seen);
        Assert.Equal("c1", answer.Id);
        Assert.Equal("m", answer.Model);
        Assert.Null(answer.Usage);
        Assert.Equal("only b", answer.Choices[0].Message.Text);
    }

    private sealed class Answers : MeshMiddleware
    {
        public List<ChatCompletion> Seen { get; } = [];

        public override ValueTask AfterResponseAsync(MiddlewareContext context, CancellationToken cancellationToken)
        {
            Seen.Add(context.Response!);
            return ValueTask.CompletedTask;
        }
    }
}
