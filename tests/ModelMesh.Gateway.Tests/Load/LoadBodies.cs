using System.Globalization;
using System.Text;

namespace ModelMesh.Gateway.Tests.Load;

/// <summary>The OpenAI-shaped bytes the load tests' upstreams send, and the requests their client sends.</summary>
internal static class LoadBodies
{
    public static readonly byte[] Completion = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-load","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"fine"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""");

    /// <summary>The first half of <see cref="Completion"/>: what an upstream cut mid-body has sent.</summary>
    public static readonly byte[] HalfCompletion = Completion.AsSpan(0, Completion.Length / 2).ToArray();

    public static readonly byte[] RoleEvent = Event("""{"id":"chatcmpl-load","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}""");

    public static readonly byte[] FinishEvent = Event("""{"id":"chatcmpl-load","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");

    public static readonly byte[] UsageEvent = Event("""{"id":"chatcmpl-load","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":10,"total_tokens":15}}""");

    public static readonly byte[] DoneEvent = Encoding.UTF8.GetBytes("data: [DONE]\n\n");

    public static byte[] ContentEvent(int i) => Event(string.Create(CultureInfo.InvariantCulture,
        $$"""{"id":"chatcmpl-load","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"w{{i}} "},"finish_reason":null}]}"""));

    /// <summary>A whole stream: role, <paramref name="words"/> content chunks, finish, usage, [DONE].</summary>
    public static byte[] Stream(int words)
    {
        var body = new List<byte>();
        body.AddRange(RoleEvent);
        for (var i = 0; i < words; i++)
        {
            body.AddRange(ContentEvent(i));
        }
        body.AddRange(FinishEvent);
        body.AddRange(UsageEvent);
        body.AddRange(DoneEvent);
        return body.ToArray();
    }

    public static byte[] Error(string message, string type) => Encoding.UTF8.GetBytes(
        $$$"""{"error":{"message":"{{{message}}}","type":"{{{type}}}","param":null,"code":null}}""");

    /// <summary>A chat request to pool "chat"; <paramref name="n"/> makes every body distinct.</summary>
    public static StringContent Request(bool stream, int n, bool usage = false) => new(
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"model":"chat","messages":[{"role":"user","content":"request {{n}}"}],"max_completion_tokens":32{{(stream ? ",\"stream\":true" : string.Empty)}}{{(usage ? ",\"stream_options\":{\"include_usage\":true}" : string.Empty)}}}"""),
        Encoding.UTF8, "application/json");

    private static byte[] Event(string json) => Encoding.UTF8.GetBytes("data: " + json + "\n\n");
}
