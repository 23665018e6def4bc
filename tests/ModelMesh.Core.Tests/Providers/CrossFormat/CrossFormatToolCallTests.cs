using System.Text;
using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Providers.Anthropic;
using ModelMesh.Providers.Cohere;
using ModelMesh.Providers.Google;
using ModelMesh.Providers.Ollama;
using ModelMesh.Providers.OpenAI;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.CrossFormat;

/// <summary>
/// One conversation with a tool, sent through each native connector to a fake speaking that vendor's format, which
/// answers with the call <c>get_weather({"city":"Paris"})</c>: every connector must give back the same OpenAI-shaped
/// tool call, whole and streamed, and must have sent the tool and the earlier tool result in its vendor's shape.
/// </summary>
public sealed class CrossFormatToolCallTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>A vendor: its connector, its whole and streamed answers, and a check of the request body it was sent.</summary>
    public sealed record Vendor(string Name, Func<Uri, BaseProvider> Create, string Model, string Whole, string WholeType, string Stream, string StreamType, Action<JsonElement> CheckRequest);

    private static readonly Dictionary<string, Vendor> Vendors = new[]
    {
        new Vendor("openai", url => new OpenAIProvider(Options(url)), "gpt-4o",
            """{"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_p","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""",
            "application/json",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_p\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
            + "data: [DONE]\n\n",
            "text/event-stream",
            body =>
            {
                Assert.Equal("get_weather", body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
                var tool = body.GetProperty("messages")[3];
                Assert.Equal(("tool", "call_1", Result), (tool.GetProperty("role").GetString(), tool.GetProperty("tool_call_id").GetString(), tool.GetProperty("content").GetString()));
            }),
        new Vendor("anthropic", url => new AnthropicProvider(Options(url)), "claude-sonnet-4-20250514",
            """{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"tool_use","id":"toolu_p","name":"get_weather","input":{"city":"Paris"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":5}}""",
            "application/json",
            Sse("message_start", """{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}}""")
            + Sse("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_p","name":"get_weather","input":{}}}""")
            + Sse("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}""")
            + Sse("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}}""")
            + Sse("content_block_stop", """{"type":"content_block_stop","index":0}""")
            + Sse("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":5}}""")
            + Sse("message_stop", """{"type":"message_stop"}"""),
            "text/event-stream",
            body =>
            {
                Assert.Equal("You answer about the weather.", SystemText(body.GetProperty("system")));
                var tool = body.GetProperty("tools")[0];
                Assert.Equal("get_weather", tool.GetProperty("name").GetString());
                Assert.Equal("object", tool.GetProperty("input_schema").GetProperty("type").GetString());
                var call = Blocks(body, "tool_use").Single();
                Assert.Equal(("call_1", "London"), (call.GetProperty("id").GetString(), call.GetProperty("input").GetProperty("city").GetString()));
                var result = Blocks(body, "tool_result").Single();
                Assert.Equal("call_1", result.GetProperty("tool_use_id").GetString());
                Assert.Contains("12", result.GetProperty("content").GetRawText(), StringComparison.Ordinal);
            }),
        new Vendor("gemini", url => new GeminiProvider(Options(url)), "gemini-2.5-flash",
            Gemini, "application/json",
            "data: " + Gemini + "\r\n\r\n", "text/event-stream",
            body =>
            {
                Assert.Equal("You answer about the weather.", body.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
                Assert.Equal("get_weather", body.GetProperty("tools")[0].GetProperty("functionDeclarations")[0].GetProperty("name").GetString());
                var parts = body.GetProperty("contents").EnumerateArray().SelectMany(c => c.GetProperty("parts").EnumerateArray()).ToList();
                var call = Assert.Single(parts, p => p.TryGetProperty("functionCall", out _)).GetProperty("functionCall");
                Assert.Equal(("get_weather", "London"), (call.GetProperty("name").GetString(), call.GetProperty("args").GetProperty("city").GetString()));
                var response = Assert.Single(parts, p => p.TryGetProperty("functionResponse", out _)).GetProperty("functionResponse");
                Assert.Equal("get_weather", response.GetProperty("name").GetString());
                Assert.Contains("12", response.GetProperty("response").GetRawText(), StringComparison.Ordinal);
            }),
        new Vendor("ollama", url => new OllamaProvider(Options(url)), "llama3.2",
            """{"model":"llama3.2","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},"done":true,"done_reason":"stop","prompt_eval_count":10,"eval_count":5}""",
            "application/json",
            """{"model":"llama3.2","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},"done":false}""" + "\n"
            + """{"model":"llama3.2","created_at":"2025-01-01T00:00:01Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":10,"eval_count":5}""" + "\n",
            "application/x-ndjson",
            body =>
            {
                Assert.Equal("get_weather", body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
                var messages = body.GetProperty("messages");
                Assert.Equal("London", messages[2].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetProperty("city").GetString());
                Assert.Equal(("tool", Result), (messages[3].GetProperty("role").GetString(), messages[3].GetProperty("content").GetString()));
            }),
        new Vendor("cohere", url => new CohereProvider(Options(url)), "command-a-03-2025",
            """{"id":"r1","finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"I will look it up.","tool_calls":[{"id":"get_weather_p","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},"usage":{"billed_units":{"input_tokens":10,"output_tokens":5},"tokens":{"input_tokens":10,"output_tokens":5}}}""",
            "application/json",
            Sse("message-start", """{"id":"r1","type":"message-start","delta":{"message":{"role":"assistant","content":[],"tool_plan":"","tool_calls":[],"citations":[]}}}""")
            + Sse("tool-plan-delta", """{"type":"tool-plan-delta","delta":{"message":{"tool_plan":"I will look it up."}}}""")
            + Sse("tool-call-start", """{"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"get_weather_p","type":"function","function":{"name":"get_weather","arguments":""}}}}}""")
            + Sse("tool-call-delta", """{"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"{\"city\":"}}}}}""")
            + Sse("tool-call-delta", """{"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"\"Paris\"}"}}}}}""")
            + Sse("tool-call-end", """{"type":"tool-call-end","index":0}""")
            + Sse("message-end", """{"type":"message-end","delta":{"finish_reason":"TOOL_CALL","usage":{"billed_units":{"input_tokens":10,"output_tokens":5},"tokens":{"input_tokens":10,"output_tokens":5}}}}"""),
            "text/event-stream",
            body =>
            {
                Assert.Equal("get_weather", body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
                var messages = body.GetProperty("messages");
                Assert.Equal("system", messages[0].GetProperty("role").GetString());
                Assert.Contains("You answer about the weather.", messages[0].GetProperty("content").GetRawText(), StringComparison.Ordinal);
                Assert.Equal("get_weather", messages[2].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
                Assert.Equal(("tool", "call_1"), (messages[3].GetProperty("role").GetString(), messages[3].GetProperty("tool_call_id").GetString()));
                Assert.Contains("12", messages[3].GetProperty("content").GetRawText(), StringComparison.Ordinal);
            }),
    }.ToDictionary(v => v.Name);

    private const string Result = """{"temp_c":12}""";

    private const string Gemini =
        """{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":5,"totalTokenCount":15},"modelVersion":"gemini-2.5-flash","responseId":"r1"}""";

    public static TheoryData<string> Names => new(Vendors.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_whole_answer_is_the_same_tool_call(string name)
    {
        var vendor = Vendors[name];
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueBytes(Encoding.UTF8.GetBytes(vendor.Whole), vendor.WholeType);
        using var provider = vendor.Create(upstream.BaseUrl);

        var completion = await provider.CompleteAsync(Conversation(vendor.Model)).WaitAsync(Bound);

        AssertTheCall(completion);
        vendor.CheckRequest(JsonDocument.Parse(Assert.Single(upstream.Requests).Body!).RootElement);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_streamed_answer_is_the_same_tool_call(string name)
    {
        var vendor = Vendors[name];
        await using var upstream = await LoopbackUpstream.StartAsync();
        upstream.EnqueueBytes(Encoding.UTF8.GetBytes(vendor.Stream), vendor.StreamType);
        using var provider = vendor.Create(upstream.BaseUrl);

        var accumulator = new ChatStreamAccumulator();
        await foreach (var chunk in provider.StreamAsync(Conversation(vendor.Model)).WithCancellation(new CancellationTokenSource(Bound).Token))
        {
            accumulator.Add(chunk);
        }

        AssertTheCall(accumulator.ToCompletion());
        vendor.CheckRequest(JsonDocument.Parse(Assert.Single(upstream.Requests).Body!).RootElement);
    }

    private static void AssertTheCall(ChatCompletion completion)
    {
        var choice = Assert.Single(completion.Choices);
        var call = Assert.Single(choice.Message.ToolCalls!);
        Assert.Equal("function", call.Type);
        Assert.Equal("get_weather", call.Function.Name);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse("""{"city":"Paris"}""").RootElement, JsonDocument.Parse(call.Function.Arguments).RootElement), call.Function.Arguments);
        Assert.False(string.IsNullOrEmpty(call.Id));
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
    }

    private static ChatCompletionRequest Conversation(string model) => new()
    {
        Model = model,
        MaxTokens = 100,
        Messages =
        [
            ChatMessage.System("You answer about the weather."),
            ChatMessage.User("Weather in London?"),
            ChatMessage.Assistant(null, [new ChatToolCall { Id = "call_1", Function = new FunctionCall { Name = "get_weather", Arguments = """{"city":"London"}""" } }]),
            ChatMessage.Tool("call_1", Result),
            ChatMessage.User("And in Paris?"),
        ],
        Tools =
        [
            ChatTool.CreateFunction("get_weather", "The current weather in a city.",
                JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement),
        ],
    };

    private static ProviderOptions Options(Uri url) => new("p", url) { ApiKey = "k", RequestTimeout = TimeSpan.FromSeconds(10), StreamIdleTimeout = TimeSpan.FromSeconds(10) };

    private static string Sse(string name, string data) => "event: " + name + "\ndata: " + data + "\n\n";

    private static string SystemText(JsonElement system) =>
        system.ValueKind == JsonValueKind.String ? system.GetString()! : string.Concat(system.EnumerateArray().Select(b => b.GetProperty("text").GetString()));

    private static IEnumerable<JsonElement> Blocks(JsonElement body, string type) =>
        body.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("content").ValueKind == JsonValueKind.Array)
            .SelectMany(m => m.GetProperty("content").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == type)
            .ToList();
}
