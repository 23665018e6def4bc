using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using ModelMesh.Testing;

namespace ModelMesh.Gateway.Tests;

/// <summary>OpenAI-shaped bodies the loopback upstreams answer with.</summary>
internal static class Upstream
{
    public static string Completion(string text, string model = "m") =>
        $$$"""{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"{{{model}}}","choices":[{"index":0,"message":{"role":"assistant","content":"{{{text}}}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}""";

    public static string Chunk(string? text, string? finish = null) =>
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{"
        + (text is null ? "" : "\"content\":" + JsonSerializer.Serialize(text, UpstreamJson.Default.String))
        + "},\"finish_reason\":" + (finish is null ? "null" : "\"" + finish + "\"") + "}]}";

    public static string UsageChunk() =>
        """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";

    /// <summary>A whole SSE body: a role chunk, one chunk per word, a finish chunk, usage, [DONE].</summary>
    public static string Stream(params string[] words)
    {
        var body = new StringBuilder();
        body.Append("data: ").Append("""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}""").Append("\n\n");
        foreach (var word in words)
        {
            body.Append("data: ").Append(Chunk(word)).Append("\n\n");
        }
        body.Append("data: ").Append(Chunk(null, "stop")).Append("\n\n");
        body.Append("data: ").Append(UsageChunk()).Append("\n\n");
        body.Append("data: [DONE]\n\n");
        return body.ToString();
    }

    /// <summary>A completion whose answer is one call of <paramref name="function"/>.</summary>
    public static string ToolCall(string callId, string function, string arguments) =>
        "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"" + callId
        + "\",\"type\":\"function\",\"function\":{\"name\":\"" + function + "\",\"arguments\":" + JsonSerializer.Serialize(arguments, UpstreamJson.Default.String)
        + "}}]},\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"total_tokens\":13}}";

    /// <summary>The role chunk that opens a stream, as an SSE event.</summary>
    public static string RoleEvent() =>
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}\n\n";

    /// <summary>One content chunk as an SSE event.</summary>
    public static string Event(string text) => "data: " + Chunk(text) + "\n\n";

    /// <summary>The end of a stream: finish chunk, usage, [DONE].</summary>
    public static string EndEvents() => "data: " + Chunk(null, "stop") + "\n\ndata: " + UsageChunk() + "\n\ndata: [DONE]\n\n";

    /// <summary>An upstream that never answers: it waits until the caller gives up.</summary>
    public static async Task HangAsync(HttpContext context, RecordedRequest request)
    {
        await Task.Delay(Timeout.Infinite, context.RequestAborted);
    }

    public static string Error(int status, string message, string type = "server_error") =>
        string.Create(CultureInfo.InvariantCulture, $$$"""{"error":{"message":"{{{message}}}","type":"{{{type}}}","param":null,"code":"{{{status}}}"}}""");

    public static string Embedding(int dimensions = 3) =>
        "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":["
        + string.Join(",", Enumerable.Range(1, dimensions).Select(i => (i / 10.0).ToString(CultureInfo.InvariantCulture)))
        + "]}],\"model\":\"e\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}";
}

[JsonSerializable(typeof(string))]
internal sealed partial class UpstreamJson : JsonSerializerContext;
