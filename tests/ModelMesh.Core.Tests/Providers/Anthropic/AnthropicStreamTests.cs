using System.Text;
using System.Text.Json;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Anthropic;

/// <summary>Streams from the captures: named events mapped to OpenAI-shaped chunks.</summary>
public sealed class AnthropicStreamTests
{
    [Fact]
    public async Task A_text_stream_gives_the_exact_text_with_id_and_model_on_every_chunk_then_finish_and_usage()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerStream("messages-stream.sse");

        var chunks = await f.StreamAsync(AnthropicFixture.Ask()).WaitAsync(AnthropicFixture.Bound);

        Assert.Equal(ChatRole.Assistant, chunks[0].Choices[0].Delta.Role);
        Assert.Null(chunks[0].Choices[0].Delta.Content);
        Assert.All(chunks, c => Assert.Equal(("msg_016HxyUMAncysqX7dn1kWNRx", "claude-haiku-4-5-20251001"), (c.Id, c.Model)));
        Assert.Equal(
            ["The weather in San Francisco, CA is", " currently", ":", "\n- **Temperature:**", " 68°F\n- **", "Condition:** Sunny\n\nIt", "'s", " a nice", " sunny day!"],
            chunks.Skip(1).SkipLast(1).Select(c => c.Choices[0].Delta.Content));
        var last = chunks[^1];
        Assert.Equal(FinishReason.Stop, last.Choices[0].FinishReason);
        Assert.Equal((770, 38, 808), (last.Usage!.PromptTokens, last.Usage.CompletionTokens, last.Usage.TotalTokens));
        Assert.All(chunks.SkipLast(1), c => Assert.Null(c.Usage));
    }

    [Fact]
    public async Task A_tool_use_stream_is_one_tool_call_whose_reassembled_arguments_are_valid_json()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerStream("messages-stream-tool-use.sse");

        var chunks = await f.StreamAsync(AnthropicFixture.Ask()).WaitAsync(AnthropicFixture.Bound);

        var first = Assert.Single(chunks[1].Choices[0].Delta.ToolCalls!);
        Assert.Equal((0, "toolu_018acGYLtfR52q9yDbWaEdQZ", "function", "get_weather", ""), (first.Index, first.Id, first.Type, first.Function!.Name, first.Function.Arguments));
        Assert.All(chunks.Skip(2).SkipLast(1), c =>
        {
            var fragment = Assert.Single(c.Choices[0].Delta.ToolCalls!);
            Assert.Equal(0, fragment.Index);
            Assert.Null(fragment.Id);
            Assert.Null(fragment.Function!.Name);
        });
        var completion = AnthropicFixture.Accumulate(chunks);
        var call = Assert.Single(completion.Choices[0].Message.ToolCalls!);
        Assert.Equal("{\"location\": \"San Francisco, CA\", \"units\": \"f\"}", call.Function.Arguments);
        using var arguments = JsonDocument.Parse(call.Function.Arguments);
        Assert.Equal("f", arguments.RootElement.GetProperty("units").GetString());
        Assert.Equal(FinishReason.ToolCalls, completion.Choices[0].FinishReason);
        Assert.Equal((656, 74), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens));
    }

    [Fact]
    public async Task Text_then_tool_use_numbers_the_tool_call_0_although_its_block_is_1_and_the_unterminated_last_event_completes()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerStream("messages-stream-text-then-tool-use.sse"); // no newline after the last event

        var chunks = await f.StreamAsync(AnthropicFixture.Ask()).WaitAsync(AnthropicFixture.Bound);

        var completion = AnthropicFixture.Accumulate(chunks);
        var message = completion.Choices[0].Message;
        Assert.Equal("I'll check the current weather in Paris for you.", message.Content);
        var call = Assert.Single(message.ToolCalls!);
        Assert.Equal(("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", "{\"location\": \"Paris\"}"), (call.Id, call.Function.Name, call.Function.Arguments));
        Assert.All(chunks.SelectMany(c => c.Choices[0].Delta.ToolCalls ?? []), t => Assert.Equal(0, t.Index));
        Assert.Equal(FinishReason.ToolCalls, completion.Choices[0].FinishReason);
        Assert.Equal("claude-sonnet-4-20250514", completion.Model);
        Assert.Equal((377, 65), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens)); // input from message_start
    }

    [Fact]
    public async Task A_stream_cut_by_max_tokens_inside_tool_input_ends_with_length_and_the_partial_arguments_as_sent()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerStream("messages-stream-max-tokens-partial-json.sse");

        var chunks = await f.StreamAsync(AnthropicFixture.Ask()).WaitAsync(AnthropicFixture.Bound);

        var completion = AnthropicFixture.Accumulate(chunks);
        Assert.Equal(FinishReason.Length, completion.Choices[0].FinishReason);
        Assert.StartsWith("I'll create a comprehensive tax guide", completion.Choices[0].Message.Content, StringComparison.Ordinal);
        var call = Assert.Single(completion.Choices[0].Message.ToolCalls!);
        Assert.Equal("make_file", call.Function.Name);
        Assert.StartsWith("{\"filename\": \"taxes.txt\", \"lines_of_text\": [", call.Function.Arguments, StringComparison.Ordinal);
        Assert.EndsWith("\n\"Filing taxes", call.Function.Arguments, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(call.Function.Arguments)); // unfinished: the finish reason says so
        Assert.Equal((450, 124), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens));
    }

    [Fact]
    public async Task An_overloaded_error_event_is_a_retryable_in_band_server_error()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerStream("stream-error-overloaded.sse");

        var error = await Assert.ThrowsAsync<ProviderException>(() => f.StreamAsync(AnthropicFixture.Ask())).WaitAsync(AnthropicFixture.Bound);

        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
        Assert.Equal("overloaded_error", error.Classification.Type);
        Assert.Equal("Overloaded", error.Classification.Message);
        Assert.Null(error.StatusCode); // in-band: the HTTP status was 200
    }

    // Shape of the streaming extended-thinking example of the Messages API documentation.
    private const string ThinkingStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_t","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"usage":{"input_tokens":20,"cache_read_input_tokens":500,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me think"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":" step by step."}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"42."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":30}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    [Fact]
    public async Task Thinking_deltas_stream_as_reasoning_and_cache_reads_from_message_start_reach_the_final_usage()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.Upstream.EnqueueSse(ThinkingStream.Replace("\r\n", "\n", StringComparison.Ordinal));

        var chunks = await f.StreamAsync(AnthropicFixture.Ask("claude-sonnet-4-5-20250929")).WaitAsync(AnthropicFixture.Bound);

        Assert.Equal(["Let me think", " step by step."], chunks.Select(c => c.Choices[0].Delta.ReasoningContent).OfType<string>());
        var completion = AnthropicFixture.Accumulate(chunks);
        Assert.Equal("42.", completion.Choices[0].Message.Content);
        Assert.Equal("Let me think step by step.", completion.Choices[0].Message.ReasoningContent);
        Assert.Equal((520, 30), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens));
        Assert.Equal(500, completion.Usage.PromptTokensDetails!.CachedTokens);
    }

    [Fact]
    public async Task Concurrent_streams_of_one_provider_keep_their_own_ids_and_tool_numbering()
    {
        await using var f = await AnthropicFixture.StartAsync();
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var capture = Encoding.UTF8.GetString(AnthropicFixture.Capture("messages-stream-text-then-tool-use.sse"));
        var split = capture.IndexOf("event: content_block_start", StringComparison.Ordinal);
        foreach (var id in new[] { "msg_A", "msg_B" })
        {
            var body = capture.Replace("msg_019Q1hrJbZG26Fb9BQhrkHEr", id, StringComparison.Ordinal);
            f.Upstream.Enqueue(async (context, _) =>
            {
                context.Response.ContentType = "text/event-stream";
                await LoopbackUpstream.WriteAndFlushAsync(context, body[..split]); // message_start only
                if (Interlocked.Increment(ref started) == 2)
                {
                    bothStarted.SetResult();
                }
                await bothStarted.Task.WaitAsync(AnthropicFixture.Bound, context.RequestAborted); // both streams are open before either goes on
                await LoopbackUpstream.WriteAndFlushAsync(context, body[split..]);
            });
        }

        var results = await Task.WhenAll(f.StreamAsync(AnthropicFixture.Ask()), f.StreamAsync(AnthropicFixture.Ask())).WaitAsync(AnthropicFixture.Bound);

        Assert.Equal(["msg_A", "msg_B"], results.Select(chunks => chunks[0].Id).Order());
        foreach (var chunks in results)
        {
            Assert.All(chunks, c => Assert.Equal(chunks[0].Id, c.Id));
            Assert.All(chunks.SelectMany(c => c.Choices[0].Delta.ToolCalls ?? []), t => Assert.Equal(0, t.Index));
        }
    }
}
