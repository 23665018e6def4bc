using System.Text;
using System.Text.Json;

namespace ModelMesh.Cli.Tests;

/// <summary>OpenAI-shaped bodies the loopback upstreams answer with.</summary>
internal static class Replies
{
    /// <summary>A whole SSE reply: one chunk per word, then [DONE].</summary>
    public static string Stream(params string[] words)
    {
        var body = new StringBuilder();
        foreach (var word in words)
        {
            body.Append("data: ").Append(Chunk(word)).Append("\n\n");
        }
        body.Append("data: ").Append("""{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""").Append("\n\n");
        return body.Append("data: [DONE]\n\n").ToString();
    }

    /// <summary>The first words of a reply, then the stream stops without finishing.</summary>
    public static string Unfinished(params string[] words) =>
        string.Concat(words.Select(w => "data: " + Chunk(w) + "\n\n"));

    public static string Chunk(string text) =>
        "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JsonEncodedText.Encode(text).ToString().Quoted() + "}}]}";

    public static string Error(string message, string type = "server_error") =>
        "{\"error\":{\"message\":" + JsonEncodedText.Encode(message).ToString().Quoted() + ",\"type\":\"" + type + "\"}}";

    public const string ModelList = """{"object":"list","data":[{"id":"m","object":"model","owned_by":"x"}]}""";

    private static string Quoted(this string encoded) => "\"" + encoded + "\"";
}
