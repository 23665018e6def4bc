using System.Text.Json;

namespace ModelMesh.Core.Tests.Providers.Anthropic;

/// <summary>The request the connector sends: headers, endpoint and the Messages API body, field by field.</summary>
public sealed class AnthropicRequestTests
{
    private static JsonElement Schema => JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""").RootElement;

    [Fact]
    public async Task Headers_carry_the_key_in_x_api_key_only_and_name_the_api_version()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerJson("messages.json");

        await f.Provider.CompleteAsync(AnthropicFixture.Ask());

        var sent = Assert.Single(f.Upstream.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/messages", sent.Uri.AbsolutePath);
        Assert.Equal(AnthropicFixture.ApiKey, sent.Header("x-api-key"));
        Assert.Equal("2023-06-01", sent.Header("anthropic-version"));
        Assert.Null(sent.Header("Authorization"));
        Assert.DoesNotContain(AnthropicFixture.ApiKey, sent.Uri.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AnthropicFixture.ApiKey, sent.Body!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task System_and_developer_messages_go_to_the_top_level_and_max_tokens_defaults_to_the_models_max_output()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerJson("messages.json");

        await f.Provider.CompleteAsync(new ChatCompletionRequest
        {
            Model = "claude-sonnet-4-20250514",
            Messages = [ChatMessage.System("Be brief."), ChatMessage.Developer("Answer in English."), ChatMessage.User("Hi")],
            Temperature = 0.2,
            TopP = 0.9,
            Stop = ["END", "STOP"],
            User = "user-42",
        });

        var body = f.SentBody();
        Assert.Equal("claude-sonnet-4-20250514", body.GetProperty("model").GetString());
        Assert.Equal(64_000, body.GetProperty("max_tokens").GetInt32());
        // One text block per system or developer message, in order.
        Assert.Equal("""[{"type":"text","text":"Be brief."},{"type":"text","text":"Answer in English."}]""", body.GetProperty("system").GetRawText());
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("""[{"type":"text","text":"Hi"}]""", message.GetProperty("content").GetRawText());
        Assert.Equal(0.2, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble());
        Assert.Equal("""["END","STOP"]""", body.GetProperty("stop_sequences").GetRawText());
        Assert.Equal("user-42", body.GetProperty("metadata").GetProperty("user_id").GetString());
        Assert.False(body.TryGetProperty("stream", out _));
        Assert.False(body.TryGetProperty("tools", out _));
        Assert.False(body.TryGetProperty("thinking", out _));
    }

    [Theory]
    [InlineData("some-future-claude", null, null, 4096)]
    [InlineData("claude-opus-4-1-20250805", null, null, 32_000)]
    [InlineData("claude-haiku-4-5-20251001", 300, null, 300)]
    [InlineData("claude-haiku-4-5-20251001", 300, 500, 500)]
    public async Task Max_tokens_is_always_sent(string model, int? maxTokens, int? maxCompletionTokens, int expected)
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerJson("messages.json");

        var request = AnthropicFixture.Ask(model);
        request.MaxTokens = maxTokens;
        request.MaxCompletionTokens = maxCompletionTokens;
        await f.Provider.CompleteAsync(request);

        Assert.Equal(expected, f.SentBody().GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task Tool_calls_become_tool_use_blocks_and_tool_messages_tool_result_blocks_of_one_user_turn()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerJson("messages.json");

        await f.Provider.CompleteAsync(new ChatCompletionRequest
        {
            Model = "claude-haiku-4-5-20251001",
            Messages =
            [
                ChatMessage.User("Weather in SF and Paris?"),
                ChatMessage.Assistant("Checking.",
                [
                    new ChatToolCall { Id = "toolu_1", Function = new FunctionCall { Name = "get_weather", Arguments = """{"location":"San Francisco, CA"}""" } },
                    new ChatToolCall { Id = "toolu_2", Function = new FunctionCall { Name = "get_weather", Arguments = """{"location":"Paris"}""" } },
                ]),
                ChatMessage.Tool("toolu_1", "20°C, sunny"),
                ChatMessage.Tool("toolu_2", "15°C, rain"),
                ChatMessage.User("Thanks, and which is warmer?"),
            ],
        });

        var messages = f.SentBody().GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(
            """[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"San Francisco, CA"}},{"type":"tool_use","id":"toolu_2","name":"get_weather","input":{"location":"Paris"}}]""",
            messages[1].GetProperty("content").GetRawText());
        var results = messages[2].GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal("tool_result", results[0].GetProperty("type").GetString());
        Assert.Equal("toolu_1", results[0].GetProperty("tool_use_id").GetString());
        Assert.Equal("20°C, sunny", results[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("toolu_2", results[1].GetProperty("tool_use_id").GetString());
        Assert.Equal("""{"type":"text","text":"Thanks, and which is warmer?"}""", results[2].GetRawText());
    }

    [Fact]
    public async Task An_assistant_turn_with_only_tool_calls_has_no_empty_text_block()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerJson("messages.json");

        await f.Provider.CompleteAsync(new ChatCompletionRequest
        {
            Model = "claude-haiku-4-5-20251001",
            Messages =
            [
                ChatMessage.User("Weather?"),
                ChatMessage.Assistant(null, [new ChatToolCall { Id = "toolu_1", Function = new FunctionCall { Name = "now", Arguments = "" } }]),
                ChatMessage.Tool("toolu_1", "noon"),
            ],
        });

        var assistant = f.SentBody().GetProperty("messages")[1];
        Assert.Equal("""[{"type":"tool_use","id":"toolu_1","name":"now","input":{}}]""", assistant.GetProperty("content").GetRawText());
    }

    [Fact]
    public async Task Images_from_data_urls_are_base64_sources_and_http_urls_are_url_sources()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerJson("messages.json");

        await f.Provider.CompleteAsync(new ChatCompletionRequest
        {
            Model = "claude-haiku-4-5-20251001",
            Messages =
            [
                ChatMessage.User(
                [
                    ChatContentPart.FromText("Compare:"),
                    ChatContentPart.FromImageUrl("data:image/png;base64,iVBORw0KGgo="),
                    ChatContentPart.FromImageUrl("https://example.com/cat.jpg", "high"),
                ]),
            ],
        });

        Assert.Equal(
            """[{"type":"text","text":"Compare:"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},{"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]""",
            f.SentBody().GetProperty("messages")[0].GetProperty("content").GetRawText());
    }

    [Fact]
    public async Task Tools_and_tool_choice_are_mapped()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.Upstream.Otherwise((c, _) => ModelMesh.Testing.LoopbackUpstream.WriteAsync(c, 200, "application/json", AnthropicFixture.Capture("messages.json")));
        var tools = new[] { ChatTool.CreateFunction("get_weather", "Current weather", Schema), ChatTool.CreateFunction("now") };
        var cases = new (ToolChoice? Choice, bool? Parallel, string? Expected)[]
        {
            (null, null, null),
            (ToolChoice.Auto, null, """{"type":"auto"}"""),
            (ToolChoice.Required, null, """{"type":"any"}"""),
            (ToolChoice.None, null, """{"type":"none"}"""),
            (ToolChoice.Function("get_weather"), null, """{"type":"tool","name":"get_weather"}"""),
            (null, false, """{"type":"auto","disable_parallel_tool_use":true}"""),
            (ToolChoice.Required, false, """{"type":"any","disable_parallel_tool_use":true}"""),
        };

        foreach (var (choice, parallel, expected) in cases)
        {
            var request = AnthropicFixture.Ask();
            request.Tools = tools;
            request.ToolChoice = choice;
            request.ParallelToolCalls = parallel;
            await f.Provider.CompleteAsync(request);

            var body = JsonDocument.Parse(f.Upstream.Requests[^1].Body!).RootElement;
            Assert.Equal(
                """[{"name":"get_weather","description":"Current weather","input_schema":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}},{"name":"now","input_schema":{"type":"object","properties":{}}}]""",
                body.GetProperty("tools").GetRawText());
            Assert.Equal(expected, body.TryGetProperty("tool_choice", out var sent) ? sent.GetRawText() : null);
        }
    }

    [Theory]
    [InlineData("low", null, 2048, 64_000)]
    [InlineData("high", 4000, 3999, 4000)]
    public async Task Reasoning_effort_turns_thinking_on_with_a_budget_below_max_tokens(string effort, int? maxTokens, int budget, int sentMax)
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerJson("messages.json");

        var request = AnthropicFixture.Ask("claude-sonnet-4-5-20250929");
        request.ReasoningEffort = effort;
        request.MaxTokens = maxTokens;
        await f.Provider.CompleteAsync(request);

        var body = f.SentBody();
        Assert.Equal($$"""{"type":"enabled","budget_tokens":{{budget}}}""", body.GetProperty("thinking").GetRawText());
        Assert.Equal(sentMax, body.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task A_stream_request_says_stream_true()
    {
        await using var f = await AnthropicFixture.StartAsync();
        f.AnswerStream("messages-stream.sse");

        await f.StreamAsync(AnthropicFixture.Ask());

        var body = f.SentBody();
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.False(body.TryGetProperty("stream_options", out _)); // an OpenAI field the Messages API does not take
    }

    public static TheoryData<string, ChatCompletionRequest> Unmappable => new()
    {
        { "The arguments of tool call 'toolu_9' in messages[1] is not valid JSON", new ChatCompletionRequest
            {
                Model = "claude-haiku-4-5-20251001",
                Messages = [ChatMessage.User("Hi"), ChatMessage.Assistant(null, [new ChatToolCall { Id = "toolu_9", Function = new FunctionCall { Name = "f", Arguments = "{\"a\":" } }])],
            } },
        { "messages[0].content[0] is a 'input_audio' part", new ChatCompletionRequest
            {
                Model = "claude-haiku-4-5-20251001",
                Messages = [ChatMessage.User([ChatContentPart.FromInputAudio("AAAA", "wav")])],
            } },
        { "messages[1] is a tool message without 'tool_call_id'", new ChatCompletionRequest
            {
                Model = "claude-haiku-4-5-20251001",
                Messages = [ChatMessage.User("Hi"), new ChatMessage { Role = ChatRole.Tool, Content = "x" }],
            } },
        { "is a data URL that is not 'data:<media type>;base64,<data>'", new ChatCompletionRequest
            {
                Model = "claude-haiku-4-5-20251001",
                Messages = [ChatMessage.User([ChatContentPart.FromImageUrl("data:image/png,rawbytes")])],
            } },
        { "'reasoning_effort' needs 'max_tokens' above 1024", new ChatCompletionRequest
            {
                Model = "claude-haiku-4-5-20251001",
                Messages = [ChatMessage.User("Hi")],
                ReasoningEffort = "medium",
                MaxTokens = 1000,
            } },
    };

    [Theory]
    [MemberData(nameof(Unmappable))]
    public async Task A_request_the_Messages_API_cannot_express_is_refused_before_sending_with_a_precise_error(string expected, ChatCompletionRequest request)
    {
        await using var f = await AnthropicFixture.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => f.Provider.CompleteAsync(request));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(f.Upstream.Requests);
    }
}
