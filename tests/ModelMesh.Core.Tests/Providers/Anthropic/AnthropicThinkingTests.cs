using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Anthropic;

/// <summary>
/// Extended thinking round trip: signed <c>thinking</c> and <c>redacted_thinking</c> blocks come back in
/// <c>thinking_blocks</c> (whole and streamed) and go back to the API unchanged with the next turn, which Anthropic
/// requires when a turn that called tools is continued; OpenAI-format upstreams never see them.
/// </summary>
public sealed class AnthropicThinkingTests
{
    // The shapes of Anthropic's extended-thinking documentation: a thinking block with its signature, a redacted block, a tool call.
    private const string ThinkingAnswer = """
        {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
         "content":[
           {"type":"thinking","thinking":"The user wants the weather; I should call the tool.","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3h"},
           {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"},
           {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"SF"}}],
         "stop_reason":"tool_use","usage":{"input_tokens":40,"output_tokens":90}}
        """;

    private const string ThinkingStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_02","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[],"stop_reason":null,"usage":{"input_tokens":40,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me think "}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"about the weather."}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3h"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3p"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: content_block_start
        data: {"type":"content_block_start","index":2,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":2,"delta":{"type":"text_delta","text":"It is sunny."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":2}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":30}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    [Fact]
    public async Task A_whole_answer_keeps_signed_and_redacted_thinking_blocks_in_order_beside_the_reasoning()
    {
        await using var fx = await AnthropicFixture.StartAsync();
        fx.Upstream.EnqueueJson(ThinkingAnswer);

        var message = (await fx.Provider.CompleteAsync(AnthropicFixture.Ask("claude-sonnet-4-20250514"))).Choices[0].Message;

        Assert.Equal("The user wants the weather; I should call the tool.", message.ReasoningContent);
        Assert.Collection(message.ThinkingBlocks!,
            b =>
            {
                Assert.Equal(ThinkingBlock.ThinkingType, b.Type);
                Assert.Equal("The user wants the weather; I should call the tool.", b.Thinking);
                Assert.Equal("EqQBCgIYAhIM1gbcDa9GJwZA2b3h", b.Signature);
            },
            b =>
            {
                Assert.Equal(ThinkingBlock.RedactedThinkingType, b.Type);
                Assert.Equal("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP", b.Data);
                Assert.Null(b.Thinking);
            });
        Assert.Equal("get_weather", Assert.Single(message.ToolCalls!).Function.Name);
    }

    [Fact]
    public async Task A_stream_sends_each_thinking_block_whole_with_its_signature_when_the_block_stops()
    {
        await using var fx = await AnthropicFixture.StartAsync();
        fx.Upstream.EnqueueSse(ThinkingStream);

        var chunks = await fx.StreamAsync(AnthropicFixture.Ask("claude-sonnet-4-20250514"));

        var reasoning = string.Concat(chunks.Select(c => c.Choices[0].Delta.ReasoningContent));
        Assert.Equal("Let me think about the weather.", reasoning);
        var blocks = chunks.SelectMany(c => c.Choices[0].Delta.ThinkingBlocks ?? []).ToList();
        Assert.Collection(blocks,
            b =>
            {
                Assert.Equal("Let me think about the weather.", b.Thinking);
                Assert.Equal("EqQBCgIYAhIM1gbcDa9GJwZA2b3h", b.Signature);
            },
            b => Assert.Equal(("redacted_thinking", "EmwKAhgBEgy3va3p"), (b.Type, b.Data)));
        // The signed block is sent after its last thinking fragment and before the answer's text.
        var blockChunk = chunks.FindIndex(c => c.Choices[0].Delta.ThinkingBlocks is not null);
        var textChunk = chunks.FindIndex(c => c.Choices[0].Delta.Content is { Length: > 0 });
        Assert.True(blockChunk < textChunk);

        var accumulator = new ChatStreamAccumulator();
        chunks.ForEach(accumulator.Add);
        var accumulated = accumulator.ToCompletion().Choices[0].Message;
        Assert.Equal(2, accumulated.ThinkingBlocks!.Count);
        Assert.Equal("It is sunny.", accumulated.Text);
    }

    [Fact]
    public async Task The_next_turn_sends_the_blocks_back_first_in_the_assistant_turn_exactly_as_received()
    {
        await using var fx = await AnthropicFixture.StartAsync();
        fx.Upstream.EnqueueJson(ThinkingAnswer);
        var first = (await fx.Provider.CompleteAsync(AnthropicFixture.Ask("claude-sonnet-4-20250514"))).Choices[0].Message;
        // As a client would: the answer comes back through JSON (the gateway, a stored conversation).
        var roundTripped = JsonSerializer.Deserialize(JsonSerializer.Serialize(first, ModelMesh.Json.ModelMeshJsonContext.Default.ChatMessage), ModelMesh.Json.ModelMeshJsonContext.Default.ChatMessage)!;
        fx.Upstream.EnqueueJson(ThinkingAnswer);

        await fx.Provider.CompleteAsync(new ChatCompletionRequest
        {
            Model = "claude-sonnet-4-20250514",
            Messages = [ChatMessage.User("What is the weather in SF?"), roundTripped, ChatMessage.Tool("toolu_01", "sunny")],
        });

        var sent = JsonDocument.Parse(fx.Upstream.Requests[1].Body!).RootElement;
        var assistant = sent.GetProperty("messages")[1];
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        var content = assistant.GetProperty("content");
        Assert.Equal("thinking", content[0].GetProperty("type").GetString());
        Assert.Equal("The user wants the weather; I should call the tool.", content[0].GetProperty("thinking").GetString());
        Assert.Equal("EqQBCgIYAhIM1gbcDa9GJwZA2b3h", content[0].GetProperty("signature").GetString());
        Assert.Equal("redacted_thinking", content[1].GetProperty("type").GetString());
        Assert.Equal("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP", content[1].GetProperty("data").GetString());
        Assert.False(content[1].TryGetProperty("thinking", out _));
        Assert.Equal("tool_use", content[2].GetProperty("type").GetString());
        Assert.Equal("tool_result", sent.GetProperty("messages")[2].GetProperty("content")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_thinking_block_without_its_signature_is_refused_before_any_call_naming_where_it_is()
    {
        await using var fx = await AnthropicFixture.StartAsync();
        var assistant = ChatMessage.Assistant("ok");
        assistant.ThinkingBlocks = [new ThinkingBlock { Thinking = "edited thoughts" }];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fx.Provider.CompleteAsync(new ChatCompletionRequest
        {
            Model = "claude-sonnet-4-20250514",
            Messages = [ChatMessage.User("hi"), assistant, ChatMessage.User("and?")],
        }));

        Assert.Contains("messages[1].thinking_blocks[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("signature", error.Message, StringComparison.Ordinal);
        Assert.Empty(fx.Upstream.Requests);
    }

    [Fact]
    public async Task An_OpenAI_format_upstream_never_receives_thinking_blocks_after_a_failover()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueJson(MeshFixture.CompletionJson("fine"));
        using var provider = new OpenAICompatibleProvider(new ProviderOptions("oa", upstream.BaseUrl));
        var assistant = ChatMessage.Assistant("ok");
        assistant.ThinkingBlocks = [new ThinkingBlock { Thinking = "t", Signature = "s" }];
        var request = new ChatCompletionRequest { Model = "m", Messages = [ChatMessage.User("hi"), assistant, ChatMessage.User("and?")] };

        await provider.CompleteAsync(request);

        var body = Assert.Single(upstream.Requests).Body!;
        Assert.DoesNotContain("thinking_blocks", body, StringComparison.Ordinal);
        Assert.Contains("\"ok\"", body, StringComparison.Ordinal);
        Assert.NotNull(assistant.ThinkingBlocks); // the caller's message is not changed
    }
}
