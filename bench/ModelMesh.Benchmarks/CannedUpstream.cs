using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ModelMesh.Benchmarks;

/// <summary>
/// An upstream that lives in memory: every request gets the same canned body with status 200, without a socket,
/// so a benchmark measures the provider and the mesh, not the network. The request body is not read (the
/// provider has already serialized it into a buffer before sending, which is measured).
/// </summary>
internal sealed class CannedUpstreamHandler(byte[] body, string mediaType) : HttpMessageHandler
{
    private readonly MediaTypeHeaderValue _contentType = new(mediaType) { CharSet = "utf-8" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = _contentType;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}

/// <summary>The canned bodies: an OpenAI chat completion, and the same answer streamed as server-sent events.</summary>
internal static class CannedUpstream
{
    /// <summary>Content chunks in the streamed answer (plus a role chunk, a finish chunk and a usage chunk).</summary>
    public const int StreamContentChunks = 48;

    /// <summary>Every chunk a full enumeration of the stream yields: role, content, finish, usage.</summary>
    public const int StreamChunks = StreamContentChunks + 3;

    public const string AnswerWord = "token ";

    public static readonly string Answer = string.Concat(Enumerable.Repeat(AnswerWord, StreamContentChunks));

    /// <summary>A typical non-streamed OpenAI chat completion (about 800 bytes).</summary>
    public static byte[] CompletionBody { get; } = Encoding.UTF8.GetBytes(
        "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\",\"created\":1741569952,"
        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
        + Answer + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":48,\"total_tokens\":67,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
        + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\"}");

    /// <summary>
    /// The same answer as an OpenAI stream: a role chunk, <see cref="StreamContentChunks"/> content chunks, a finish
    /// chunk, a usage chunk (the provider asks for one with <c>stream_options.include_usage</c>) and <c>[DONE]</c>.
    /// </summary>
    public static byte[] StreamBody { get; } = Encoding.UTF8.GetBytes(BuildStream());

    private static string BuildStream()
    {
        const string Head = "data: {\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\",\"choices\":";
        var text = new StringBuilder();
        text.Append(Head).Append("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        for (var i = 0; i < StreamContentChunks; i++)
        {
            text.Append(Head).Append("[{\"index\":0,\"delta\":{\"content\":\"").Append(AnswerWord).Append("\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        text.Append(Head).Append("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
        text.Append(Head).Append(CultureInfo.InvariantCulture, $"[],\"usage\":{{\"prompt_tokens\":19,\"completion_tokens\":{StreamContentChunks},\"total_tokens\":{19 + StreamContentChunks}}}}}\n\n");
        text.Append("data: [DONE]\n\n");
        return text.ToString();
    }
}
