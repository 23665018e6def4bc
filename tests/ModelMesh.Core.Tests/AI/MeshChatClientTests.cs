using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using ModelMesh.AI;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.Core.Tests.AI;

public sealed class MeshChatClientTests
{
    private static readonly RetryOptions OneAttempt = MeshFixture.FastRetry with { MaxAttempts = 1 };

    private const string ToolCallJson = """
        {"id":"cmpl-7","object":"chat.completion","created":1700000000,"model":"upstream-m","choices":[{"index":0,"message":{"role":"assistant","content":null,
        "reasoning_content":"I should look it up","tool_calls":[{"id":"call-1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}},
        {"id":"call-2","type":"function","function":{"name":"broken","arguments":"{not json"}}]},"finish_reason":"tool_calls"}],
        "usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18,"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":3}}}
        """;

    private static List<Meai.ChatMessage> Ask(string text = "Hello") => [new(Meai.ChatRole.User, text)];

    [Fact]
    public async Task A_response_maps_text_reasoning_tool_calls_usage_finish_reason_and_the_answering_model()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].EnqueueJson(ToolCallJson);
        using var mesh = fx.Mesh();
        var chat = mesh.AsIChatClient("chat");

        var response = await chat.GetResponseAsync(Ask());

        Assert.Equal("a.m", response.ModelId); // the mesh model, not the upstream's name
        Assert.Equal("cmpl-7", response.ResponseId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), response.CreatedAt);
        Assert.Equal(Meai.ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.IsType<ChatCompletion>(response.RawRepresentation);
        var contents = response.Messages.Single().Contents;
        Assert.Equal("I should look it up", Assert.IsType<Meai.TextReasoningContent>(contents[0]).Text);
        var calls = contents.OfType<Meai.FunctionCallContent>().ToArray();
        Assert.Equal(["call-1", "call-2"], calls.Select(c => c.CallId));
        Assert.Equal("Paris", ((JsonElement)calls[0].Arguments!["city"]!).GetString());
        Assert.Null(calls[0].Exception);
        Assert.NotNull(calls[1].Exception); // invalid JSON: recorded, not thrown
        Assert.Equal("{not json", calls[1].RawRepresentation);
        Assert.Equal((11L, 7L, 18L), (response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value, response.Usage.TotalTokenCount!.Value));
        Assert.Equal(4, response.Usage.CachedInputTokenCount);
        Assert.Equal(3, response.Usage.ReasoningTokenCount);
        Assert.Equal(4, response.Usage.AdditionalCounts!["InputTokenDetails.CachedTokenCount"]);
        Assert.Equal(3, response.Usage.AdditionalCounts["OutputTokenDetails.ReasoningTokenCount"]);
        Assert.Contains("\"model\":\"m\"", fx["a"].Requests[0].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stop")]
    [InlineData("length")]
    [InlineData("content_filter")]
    public async Task Finish_reasons_map(string reason)
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].EnqueueJson(MeshFixture.CompletionJson("hi").Replace("\"stop\"", "\"" + reason + "\"", StringComparison.Ordinal));
        using var mesh = fx.Mesh();

        var response = await mesh.AsIChatClient("chat").GetResponseAsync(Ask());

        Assert.Equal(new Meai.ChatFinishReason(reason), response.FinishReason);
        Assert.Equal("hi", response.Text);
    }

    [Fact]
    public async Task GetService_answers_the_mesh_client_and_metadata()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        using var mesh = fx.Mesh();
        using Meai.IChatClient chat = mesh.AsIChatClient("chat");

        Assert.Same(mesh, chat.GetService<MeshClient>());
        Assert.Equal("modelmesh", chat.GetService<Meai.ChatClientMetadata>()!.ProviderName);
        Assert.Equal("chat", chat.GetService<Meai.ChatClientMetadata>()!.DefaultModelId);
        Assert.IsType<MeshChatClient>(chat.GetService<MeshChatClient>());
        Assert.Null(chat.GetService<MeshClient>("key"));
    }

    [Fact]
    public async Task Failures_are_the_mesh_s_typed_errors_and_cancellation_is_cancellation()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        fx["a"].Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 500, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("boom"))));
        using var mesh = fx.Mesh(retry: OneAttempt);
        var chat = mesh.AsIChatClient("chat");

        await Assert.ThrowsAsync<AllProvidersExhaustedException>(() => chat.GetResponseAsync(Ask()));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => chat.GetResponseAsync(Ask(), new Meai.ChatOptions { ModelId = "no-such-pool" }));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chat.GetResponseAsync(Ask(), cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in chat.GetStreamingResponseAsync(Ask(), cancellationToken: cancelled.Token))
            {
            }
        });
    }

    [Fact]
    public async Task Streaming_maps_text_and_reasoning_and_emits_tool_calls_whole_with_usage()
    {
        await using var fx = await MeshFixture.StartAsync("a");
        const string Head = "data: {\"id\":\"s1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":";
        var body = new StringBuilder()
            .Append(Head).Append("{\"role\":\"assistant\",\"reasoning_content\":\"hmm\"},\"finish_reason\":null}]}\n\n")
            .Append(Head).Append("{\"content\":\"Let me check\"},\"finish_reason\":null}]}\n\n")
            .Append(Head).Append("{\"tool_calls\":[{\"index\":0,\"id\":\"call-1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"ci\"}}]},\"finish_reason\":null}]}\n\n")
            .Append(Head).Append("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\":\\\"Oslo\\\"}\"}}]},\"finish_reason\":null}]}\n\n")
            .Append(Head).Append("{},\"finish_reason\":\"tool_calls\"}]}\n\n")
            .Append("data: {\"id\":\"s1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":6,\"total_tokens\":11}}\n\n")
            .Append("data: [DONE]\n\n");
        fx["a"].EnqueueSse(body.ToString());
        using var mesh = fx.Mesh();

        var updates = new List<Meai.ChatResponseUpdate>();
        await foreach (var update in mesh.AsIChatClient("chat").GetStreamingResponseAsync(Ask()))
        {
            updates.Add(update);
        }

        Assert.All(updates, u => Assert.Equal("a.m", u.ModelId));
        Assert.All(updates, u => Assert.Equal("s1", u.ResponseId));
        Assert.All(updates, u => Assert.IsType<ChatCompletionChunk>(u.RawRepresentation));
        var calls = updates.SelectMany(u => u.Contents).OfType<Meai.FunctionCallContent>().ToArray();
        var call = Assert.Single(calls); // fragments are not handed on
        Assert.Equal(("call-1", "weather"), (call.CallId, call.Name));
        Assert.Equal("Oslo", ((JsonElement)call.Arguments!["city"]!).GetString());
        var response = updates.ToChatResponse();
        Assert.Equal("Let me check", response.Text);
        Assert.Equal("hmm", response.Messages[0].Contents.OfType<Meai.TextReasoningContent>().Single().Text);
        Assert.Equal(Meai.ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(11, response.Usage!.TotalTokenCount);
        Assert.Contains("\"include_usage\":true", fx["a"].Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_breaks_after_output_ends_with_StreamInterrupted_never_a_clean_end()
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

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
        {
            await foreach (var update in mesh.AsIChatClient("chat").GetStreamingResponseAsync(Ask()))
            {
                texts.Add(update.Text);
            }
        });

        Assert.Equal("Hello wor", string.Concat(texts));
        Assert.Equal("Hello wor", error.PartialText);
        Assert.Empty(fx["b"].Requests);
    }

    [Fact]
    public async Task The_MEAI_pipeline_runs_a_tool_calling_loop_across_a_failover()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b");
        fx["a"].EnqueueJson("""
            {"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,
            "tool_calls":[{"id":"call-1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},"finish_reason":"tool_calls"}],
            "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}
            """);
        fx["a"].Otherwise((context, _) => LoopbackUpstream.WriteAsync(context, 500, "application/json", Encoding.UTF8.GetBytes(MeshFixture.ErrorJson("down"))));
        fx["b"].EnqueueJson(MeshFixture.CompletionJson("Sunny in Paris"));
        using var mesh = fx.Mesh(retry: OneAttempt);
        var asked = new List<string>();
        var weather = AIFunctionFactory.Create((string city) => { asked.Add(city); return "sunny"; }, "weather", "Weather in a city");
        using var pipeline = mesh.AsIChatClient("chat").AsBuilder()
            .UseFunctionInvocation()
            .UseOpenTelemetry()
            .UseLogging(NullLoggerFactory.Instance)
            .Build();

        var response = await pipeline.GetResponseAsync(Ask("Weather in Paris?"), new Meai.ChatOptions { Tools = [weather] });

        Assert.Equal("Sunny in Paris", response.Text);
        Assert.Equal(["Paris"], asked);
        Assert.Equal("b.m", response.ModelId);
        Assert.Equal(2, fx["a"].Requests.Count); // the tool call, then the failed follow-up
        var followUp = fx["b"].Requests.Single().Body!;
        Assert.Contains("\"tool_call_id\":\"call-1\"", followUp, StringComparison.Ordinal);
        Assert.Contains("\"tool_calls\":[{\"id\":\"call-1\"", followUp, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"weather\"", followUp, StringComparison.Ordinal);
    }
}
