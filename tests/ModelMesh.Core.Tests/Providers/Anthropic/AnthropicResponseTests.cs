using System.Text.Json;

namespace ModelMesh.Core.Tests.Providers.Anthropic;

/// <summary>Whole (non-streamed) answers, from the captures, as OpenAI-shaped completions.</summary>
public sealed class AnthropicResponseTests
{
    [Fact]
    public async Task A_text_answer_has_its_text_finish_reason_model_id_and_usage()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerJson("messages.json");

        var completion = await f.Provider.CompleteAsync(AnthropicFixture.Ask());

        Assert.Equal("msg_01LzoWDaDa7jiMvVbBiguxJy", completion.Id);
        Assert.Equal("claude-haiku-4-5-20251001", completion.Model);
        var choice = Assert.Single(completion.Choices);
        Assert.Equal(ChatRole.Assistant, choice.Message.Role);
        Assert.Equal("The weather in SF is currently **20°C** (68°F) and **Sunny**!", choice.Message.Content);
        Assert.Null(choice.Message.ToolCalls);
        Assert.Equal(FinishReason.Stop, choice.FinishReason);
        Assert.Equal((705, 25, 730), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens));
        Assert.Equal(0, completion.Usage.PromptTokensDetails!.CachedTokens);
    }

    [Fact]
    public async Task A_tool_use_answer_is_a_tool_call_with_its_input_as_the_arguments_text()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerJson("messages-tool-use.json");

        var completion = await f.Provider.CompleteAsync(AnthropicFixture.Ask());

        var choice = Assert.Single(completion.Choices);
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
        Assert.Null(choice.Message.Content);
        var call = Assert.Single(choice.Message.ToolCalls!);
        Assert.Equal("toolu_01GHndag5wQmbzNihYmV2UBj", call.Id);
        Assert.Equal("function", call.Type);
        Assert.Equal("get_weather", call.Function.Name);
        Assert.Equal("""{"location":"San Francisco, CA","units":"c"}""", call.Function.Arguments);
        Assert.Equal((659, 74), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens));
    }

    [Theory]
    [InlineData("end_turn", FinishReason.Stop)]
    [InlineData("stop_sequence", FinishReason.Stop)]
    [InlineData("max_tokens", FinishReason.Length)]
    [InlineData("model_context_window_exceeded", FinishReason.Length)]
    [InlineData("tool_use", FinishReason.ToolCalls)]
    [InlineData("refusal", FinishReason.ContentFilter)]
    [InlineData("pause_turn", FinishReason.Stop)]
    public async Task Stop_reasons_map_to_finish_reasons(string stopReason, string finishReason)
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.Upstream.EnqueueJson(System.Text.Encoding.UTF8.GetString(AnthropicFixture.Capture("messages.json")).Replace("\"end_turn\"", "\"" + stopReason + "\"", StringComparison.Ordinal));

        var completion = await f.Provider.CompleteAsync(AnthropicFixture.Ask());

        Assert.Equal(finishReason, completion.Choices[0].FinishReason);
    }

    // Shape of the Messages API documentation's extended-thinking example, with prompt caching counters.
    private const string ThinkingAnswer = """
        {"id":"msg_think","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
         "content":[{"type":"thinking","thinking":"Paris is the capital.","signature":"EqQBCgIYAhIM"},{"type":"redacted_thinking","data":"EmwKAhgB"},{"type":"text","text":"Paris."}],
         "stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":12,"cache_creation_input_tokens":100,"cache_read_input_tokens":2000,"output_tokens":40}}
        """;

    [Fact]
    public async Task Thinking_blocks_are_reasoning_and_cache_tokens_count_as_prompt_tokens_with_reads_as_cached()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.Upstream.EnqueueJson(ThinkingAnswer);

        var completion = await f.Provider.CompleteAsync(AnthropicFixture.Ask("claude-sonnet-4-5-20250929"));

        var message = completion.Choices[0].Message;
        Assert.Equal("Paris.", message.Content);
        Assert.Equal("Paris is the capital.", message.ReasoningContent);
        var usage = completion.Usage!;
        Assert.Equal(12 + 100 + 2000, usage.PromptTokens);
        Assert.Equal(40, usage.CompletionTokens);
        Assert.Equal(2000, usage.PromptTokensDetails!.CachedTokens);
        Assert.Equal(100, usage.AdditionalProperties!["cache_creation_input_tokens"].GetInt32());
    }

    [Fact]
    public async Task A_body_that_is_not_a_message_is_a_retryable_server_error_not_a_crash()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.Upstream.EnqueueJson("""{"id": "msg_1", "content": "oops"}"""); // content must be a list of blocks

        var error = await Assert.ThrowsAsync<ProviderException>(() => f.Provider.CompleteAsync(AnthropicFixture.Ask()));

        Assert.Equal(ProviderErrorCategory.Server, error.Category);
        Assert.True(error.IsRetryable);
    }
}
