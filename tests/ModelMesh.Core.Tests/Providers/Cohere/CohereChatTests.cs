using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Core.Tests.Providers.Cohere;

public sealed class CohereChatTests
{
    private const string Answer = """
        {"id":"5a50480a-cf52-46f0-af01-53d18539bd31","message":{"role":"assistant","content":[{"type":"text","text":"The Art of API Design"}]},"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":17,"output_tokens":12},"tokens":{"input_tokens":215,"output_tokens":12}}}
        """;

    [Fact]
    public async Task The_request_maps_field_by_field_with_p_for_top_p_and_the_key_only_in_the_bearer_header()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueJson(Answer);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"title":{"type":"string"}}}""").RootElement.Clone();
        var request = new ChatCompletionRequest
        {
            Model = "command-a-03-2025",
            Messages =
            [
                ChatMessage.Developer("Be brief."),
                ChatMessage.User([ChatContentPart.FromText("Describe"), ChatContentPart.FromImageUrl("https://example.com/a.png", "low")]),
                new ChatMessage { Role = ChatRole.Assistant, ReasoningContent = "I will look it up.", ToolCalls = [new ChatToolCall { Id = "call_9", Function = new FunctionCall { Name = "search", Arguments = """{"q":"api"}""" } }] },
                ChatMessage.Tool("call_9", "found it"),
            ],
            Tools = [ChatTool.CreateFunction("search", "Web search", schema), ChatTool.CreateFunction("other")],
            ToolChoice = ToolChoice.Function("search"),
            Temperature = 0.3,
            TopP = 0.75,
            Seed = 7,
            Stop = ["\n\n"],
            MaxTokens = 300,
            FrequencyPenalty = 0.1,
            PresencePenalty = 0.2,
            ResponseFormat = ResponseFormat.ForJsonSchema("t", schema),
            AdditionalProperties = new() { ["k"] = JsonDocument.Parse("40").RootElement.Clone(), ["safety_mode"] = JsonDocument.Parse("\"STRICT\"").RootElement.Clone() },
        };

        var completion = await provider.CompleteAsync(request);

        Assert.Equal("The Art of API Design", completion.Choices[0].Message.Content);
        var sent = Assert.Single(upstream.Requests);
        Assert.Equal("/v2/chat", sent.Uri.AbsolutePath);
        Assert.Equal("Bearer " + CohereWire.ApiKey, sent.Header("Authorization"));
        Assert.DoesNotContain(CohereWire.ApiKey, sent.Uri.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(CohereWire.ApiKey, sent.Body, StringComparison.Ordinal);
        var body = CohereWire.Sent(sent);
        Assert.Equal(
            ["model", "messages", "tools", "tool_choice", "stream", "max_tokens", "temperature", "p", "seed", "stop_sequences", "frequency_penalty", "presence_penalty", "response_format", "k", "safety_mode"],
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.75, body.GetProperty("p").GetDouble());
        Assert.False(body.GetProperty("stream").GetBoolean());
        Assert.Equal("REQUIRED", body.GetProperty("tool_choice").GetString());
        Assert.Equal(["search"], body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()));
        Assert.Equal("""["\n\n"]""", body.GetProperty("stop_sequences").GetRawText());
        Assert.Equal(40, body.GetProperty("k").GetInt32());
        Assert.Equal("STRICT", body.GetProperty("safety_mode").GetString());
        Assert.Equal("""{"type":"json_object","json_schema":""" + schema.GetRawText() + "}", body.GetProperty("response_format").GetRawText());
        var messages = body.GetProperty("messages");
        Assert.Equal("""{"role":"system","content":[{"type":"text","text":"Be brief."}]}""", messages[0].GetRawText());
        Assert.Equal("""{"role":"user","content":[{"type":"text","text":"Describe"},{"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}}]}""", messages[1].GetRawText());
        Assert.Equal("""{"role":"assistant","tool_calls":[{"id":"call_9","type":"function","function":{"name":"search","arguments":"{\u0022q\u0022:\u0022api\u0022}"}}],"tool_plan":"I will look it up."}""", messages[2].GetRawText());
        Assert.Equal("""{"role":"tool","content":[{"type":"text","text":"found it"}],"tool_call_id":"call_9"}""", messages[3].GetRawText());
    }

    [Fact]
    public async Task A_whole_answer_maps_text_billed_units_and_finish_reason()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueJson(Answer.Replace("COMPLETE", "MAX_TOKENS", StringComparison.Ordinal));

        var completion = await provider.CompleteAsync(CohereWire.Ask());

        Assert.Equal("5a50480a-cf52-46f0-af01-53d18539bd31", completion.Id);
        Assert.Equal(FinishReason.Length, completion.Choices[0].FinishReason);
        Assert.Equal((17, 12, 29), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens));
    }

    [Fact]
    public async Task A_whole_tool_answer_has_the_plan_as_reasoning_and_the_calls()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueJson("""
            {"id":"r1","finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"I will search for the weather.","tool_calls":[{"id":"get_weather_1","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Toronto\"}"}}]},"usage":{"billed_units":{"input_tokens":37,"output_tokens":28},"tokens":{"input_tokens":1245,"output_tokens":60},"cached_tokens":1024}}
            """);

        var completion = await provider.CompleteAsync(CohereWire.Ask());

        var choice = completion.Choices[0];
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
        Assert.Null(choice.Message.Content);
        Assert.Equal("I will search for the weather.", choice.Message.ReasoningContent);
        var call = Assert.Single(choice.Message.ToolCalls!);
        Assert.Equal(("get_weather_1", "get_weather", """{"location":"Toronto"}"""), (call.Id, call.Function.Name, call.Function.Arguments));
        Assert.Equal(1024, completion.Usage!.PromptTokensDetails!.CachedTokens);
        Assert.Equal(37, completion.Usage.PromptTokens);
    }

    [Fact]
    public async Task A_text_stream_parses_to_the_exact_text_usage_and_finish_reason()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueSse(CohereWire.TextStream("Coca", "-Cola", " is a", " drink."));

        var chunks = await CohereWire.StreamAsync(provider, CohereWire.Ask());

        Assert.Equal(6, chunks.Count); // start, four deltas, end (content-start/-end carry nothing)
        var completion = CohereWire.Accumulate(chunks);
        Assert.Equal("Coca-Cola is a drink.", completion.Choices[0].Message.Content);
        Assert.Equal("c0ffee00-1111-2222-3333-444455556666", completion.Id);
        Assert.Equal(FinishReason.Stop, completion.Choices[0].FinishReason);
        Assert.Equal((21, 5), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens));
        Assert.True(CohereWire.Sent(Assert.Single(upstream.Requests)).GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task A_tool_stream_reassembles_the_plan_and_two_calls_with_valid_json_arguments()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueSse(CohereWire.ToolStream());

        var completion = CohereWire.Accumulate(await CohereWire.StreamAsync(provider, CohereWire.Ask()));

        var choice = completion.Choices[0];
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
        Assert.Equal("I will look up the weather.", choice.Message.ReasoningContent);
        var calls = choice.Message.ToolCalls!;
        Assert.Equal(["get_weather_jwmw8tt8r1a5", "get_weather_4hy0t5ztk2cr"], calls.Select(c => c.Id));
        Assert.All(calls, c => Assert.Equal("get_weather", c.Function.Name));
        Assert.Equal(["Toronto", "Oslo"], calls.Select(c => JsonDocument.Parse(c.Function.Arguments).RootElement.GetProperty("location").GetString()));
        Assert.Equal((37, 28), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens));
    }

    [Fact]
    public async Task Thinking_deltas_of_a_reasoning_model_are_reasoning()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueSse(CohereWire.Start()
            + CohereWire.Event("content-start", """{"type":"content-start","index":0,"delta":{"message":{"content":{"type":"thinking","thinking":""}}}}""")
            + CohereWire.Event("content-delta", """{"type":"content-delta","index":0,"delta":{"message":{"content":{"thinking":"Two plus two."}}}}""")
            + CohereWire.Event("content-delta", """{"type":"content-delta","index":1,"delta":{"message":{"content":{"text":"4"}}}}""")
            + CohereWire.End());

        var completion = CohereWire.Accumulate(await CohereWire.StreamAsync(provider, CohereWire.Ask()));

        Assert.Equal("Two plus two.", completion.Choices[0].Message.ReasoningContent);
        Assert.Equal("4", completion.Choices[0].Message.Content);
    }

    [Fact]
    public async Task A_stream_cut_before_message_end_is_a_network_error_and_one_ending_in_ERROR_is_a_server_error()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueSse(CohereWire.Start() + CohereWire.Text("Hel"));
        upstream.EnqueueSse(CohereWire.Start() + CohereWire.Text("Hel") + CohereWire.End("ERROR"));

        var cut = await Assert.ThrowsAsync<ProviderException>(() => CohereWire.StreamAsync(provider, CohereWire.Ask()));
        var failed = await Assert.ThrowsAsync<ProviderException>(() => CohereWire.StreamAsync(provider, CohereWire.Ask()));

        Assert.Equal(ProviderErrorCategory.Network, cut.Category);
        Assert.Equal(ProviderErrorCategory.Server, failed.Category);
        Assert.True(failed.IsRetryable);
    }

    [Theory]
    [InlineData(429, """{"id":"e1","message":"You are using a Trial key, which is limited to 10 API calls / minute."}""", ProviderErrorCategory.RateLimit, true)]
    [InlineData(401, """{"id":"e2","message":"invalid api token"}""", ProviderErrorCategory.Authentication, false)]
    [InlineData(400, """{"id":"e3","message":"too many tokens: total number of tokens in the prompt cannot exceed 128000 - received 130000."}""", ProviderErrorCategory.ContextLengthExceeded, false)]
    [InlineData(503, """{"id":"e4","message":"service unavailable"}""", ProviderErrorCategory.Server, true)]
    public async Task Error_bodies_and_headers_classify(int status, string body, ProviderErrorCategory category, bool retryable)
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueJson(body, status, new Dictionary<string, string> { ["Retry-After"] = "7" });

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(CohereWire.Ask()));

        Assert.Equal(category, error.Category);
        Assert.Equal(retryable, error.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Contains(JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_echoing_the_key_never_shows_it()
    {
        var (upstream, provider) = await CohereWire.StartAsync();
        await using var _ = upstream;
        using var __ = provider;
        upstream.EnqueueJson("{\"message\":\"invalid api token " + CohereWire.ApiKey + "\"}", 401);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => provider.CompleteAsync(CohereWire.Ask()));

        Assert.DoesNotContain(CohereWire.ApiKey, error.ToString(), StringComparison.Ordinal);
    }
}
