using System.Text;
using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Providers.Cohere;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Providers.Cohere;

/// <summary>
/// Cohere v2 wire bodies for the fake upstream, written from Cohere's API reference (no captures exist): named SSE
/// events whose data repeats the type; <c>message-start</c>'s empty content and tool calls are arrays, later
/// events' are objects; <c>message-end</c> carries the finish reason and usage.
/// </summary>
internal static class CohereWire
{
    public const string ApiKey = "co-live-SECRET-5e1f0a9b7c3d";
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static string Event(string type, string data) => "event: " + type + "\ndata: " + data + "\n\n";

    public static string Start(string id = "c0ffee00-1111-2222-3333-444455556666") =>
        Event("message-start", "{\"id\":\"" + id + "\",\"type\":\"message-start\",\"delta\":{\"message\":{\"role\":\"assistant\",\"content\":[],\"tool_plan\":\"\",\"tool_calls\":[],\"citations\":[]}}}");

    public static string ContentStart() => Event("content-start", """{"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}""");

    public static string Text(string text) => Event("content-delta", "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":" + JsonSerializer.Serialize(text) + "}}}}");

    public static string ContentEnd() => Event("content-end", """{"type":"content-end","index":0}""");

    public static string End(string finish = "COMPLETE", int billedIn = 21, int billedOut = 5, int tokensIn = 186, int tokensOut = 5) =>
        Event("message-end", "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"" + finish + "\",\"usage\":{\"billed_units\":{\"input_tokens\":" + billedIn + ",\"output_tokens\":" + billedOut
            + "},\"tokens\":{\"input_tokens\":" + tokensIn + ",\"output_tokens\":" + tokensOut + "}}}}");

    public static string TextStream(params string[] words)
    {
        var body = new StringBuilder(Start()).Append(ContentStart());
        foreach (var word in words)
        {
            body.Append(Text(word));
        }
        return body.Append(ContentEnd()).Append(End()).ToString();
    }

    /// <summary>A tool-use turn: the plan, then two calls whose arguments arrive in pieces.</summary>
    public static string ToolStream() =>
        Start()
        + Event("tool-plan-delta", """{"type":"tool-plan-delta","delta":{"message":{"tool_plan":"I will look up"}}}""")
        + Event("tool-plan-delta", """{"type":"tool-plan-delta","delta":{"message":{"tool_plan":" the weather."}}}""")
        + Event("tool-call-start", """{"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"get_weather_jwmw8tt8r1a5","type":"function","function":{"name":"get_weather","arguments":""}}}}}""")
        + Event("tool-call-delta", """{"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"{\n    \"location\": "}}}}}""")
        + Event("tool-call-delta", """{"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"\"Toronto\"\n}"}}}}}""")
        + Event("tool-call-end", """{"type":"tool-call-end","index":0}""")
        + Event("tool-call-start", """{"type":"tool-call-start","index":1,"delta":{"message":{"tool_calls":{"id":"get_weather_4hy0t5ztk2cr","type":"function","function":{"name":"get_weather","arguments":""}}}}}""")
        + Event("tool-call-delta", """{"type":"tool-call-delta","index":1,"delta":{"message":{"tool_calls":{"function":{"arguments":"{\"location\": \"Oslo\"}"}}}}}""")
        + Event("tool-call-end", """{"type":"tool-call-end","index":1}""")
        + End("TOOL_CALL", billedIn: 37, billedOut: 28, tokensIn: 1245, tokensOut: 60);

    public static async Task<(LoopbackUpstream Upstream, CohereProvider Provider)> StartAsync()
    {
        var upstream = await LoopbackUpstream.StartAsync();
        return (upstream, new CohereProvider(new ProviderOptions("cohere", upstream.BaseUrl)
        {
            ApiKey = ApiKey,
            RequestTimeout = TimeSpan.FromSeconds(10),
            StreamIdleTimeout = TimeSpan.FromSeconds(10),
        }));
    }

    public static ChatCompletionRequest Ask(string text = "Hello") => new() { Model = "command-a-03-2025", Messages = [ChatMessage.User(text)] };

    public static JsonElement Sent(RecordedRequest request) => JsonDocument.Parse(request.Body!).RootElement;

    public static async Task<List<ChatCompletionChunk>> StreamAsync(BaseProvider provider, ChatCompletionRequest request)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in provider.StreamAsync(request).WithCancellation(new CancellationTokenSource(Bound).Token))
        {
            chunks.Add(chunk);
        }
        return chunks;
    }

    public static ChatCompletion Accumulate(IEnumerable<ChatCompletionChunk> chunks)
    {
        var accumulator = new ChatStreamAccumulator();
        foreach (var chunk in chunks)
        {
            accumulator.Add(chunk);
        }
        return accumulator.ToCompletion();
    }
}
