using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ModelMesh.Simulation;

/// <summary>
/// <c>POST /v1/chat/completions</c> of the simulated upstream: the whole completion as JSON, or with
/// <c>stream: true</c> OpenAI's server-sent events, one chunk per word per choice.
/// </summary>
internal static class SimulatedChat
{
    private const string Fingerprint = "modelmesh-simulated";

    private static readonly byte[] Done = Encoding.UTF8.GetBytes("data: [DONE]\n\n");

    /// <exception cref="SimulatedRequestException">The request is malformed.</exception>
    public static HttpResponseMessage Respond(ReadOnlyMemory<byte> body, SimulatedOptions options)
    {
        SimulatedChatRequest request;
        using (var document = RequestFields.ParseObject(body))
        {
            request = SimulatedChatRequest.Read(document.RootElement);
        }
        var hash = StableHash.Hex(body.Span);
        var answer = SimulatedAnswer.For(request, hash);
        var head = new Head("chatcmpl-sim-" + hash, options.TimeProvider.GetUtcNow().ToUnixTimeSeconds(), request.Model);
        if (!request.Stream)
        {
            return UpstreamResponses.Json(w => WriteCompletion(w, head, request, answer));
        }
        var content = new StreamContent(new PacedEventStream(Events(head, request, answer), options));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
    }

    private readonly record struct Head(string Id, long Created, string Model);

    private static void WriteCompletion(Utf8JsonWriter w, Head head, SimulatedChatRequest request, SimulatedAnswer answer)
    {
        w.WriteStartObject();
        WriteHead(w, head, "chat.completion");
        w.WriteStartArray("choices");
        for (var i = 0; i < request.Choices; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("index", i);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            if (answer.ToolName is null)
            {
                w.WriteString("content", answer.Text);
            }
            else
            {
                w.WriteNull("content");
                w.WriteStartArray("tool_calls");
                answer.WriteToolCall(w, delta: false, header: true, arguments: true);
                w.WriteEndArray();
            }
            w.WriteNull("refusal");
            w.WriteEndObject();
            w.WriteNull("logprobs");
            w.WriteString("finish_reason", answer.FinishReason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteUsage(w, request, answer);
        w.WriteEndObject();
    }

    /// <summary>
    /// The events, made lazily as the body is read: the role and first word of every choice (the mesh holds back
    /// chunks without output, so a role alone would wait for the pace too), then each further word (or the tool
    /// call's arguments) for every choice with the pace before each word's first chunk, then the finish reasons, the
    /// usage chunk when asked for, and <c>[DONE]</c>.
    /// </summary>
    private static IEnumerable<PacedEvent> Events(Head head, SimulatedChatRequest request, SimulatedAnswer answer)
    {
        for (var i = 0; i < request.Choices; i++)
        {
            yield return Chunk(head, i, paced: false, w =>
            {
                w.WriteString("role", "assistant");
                if (answer.ToolName is null)
                {
                    w.WriteString("content", answer.Pieces.Count > 0 ? answer.Pieces[0] : string.Empty);
                }
                else
                {
                    w.WriteNull("content");
                    w.WriteStartArray("tool_calls");
                    answer.WriteToolCall(w, delta: true, header: true, arguments: false);
                    w.WriteEndArray();
                }
            });
        }
        if (answer.ToolName is not null)
        {
            for (var i = 0; i < request.Choices; i++)
            {
                yield return Chunk(head, i, paced: i == 0, w =>
                {
                    w.WriteStartArray("tool_calls");
                    answer.WriteToolCall(w, delta: true, header: false, arguments: true);
                    w.WriteEndArray();
                });
            }
        }
        foreach (var piece in answer.Pieces.Skip(1))
        {
            for (var i = 0; i < request.Choices; i++)
            {
                yield return Chunk(head, i, paced: i == 0, w => w.WriteString("content", piece));
            }
        }
        for (var i = 0; i < request.Choices; i++)
        {
            yield return Chunk(head, i, paced: false, _ => { }, answer.FinishReason);
        }
        if (request.IncludeUsage)
        {
            yield return Event(false, w =>
            {
                w.WriteStartObject();
                WriteHead(w, head, "chat.completion.chunk");
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteUsage(w, request, answer);
                w.WriteEndObject();
            });
        }
        yield return new PacedEvent(false, Done);
    }

    private static PacedEvent Chunk(Head head, int index, bool paced, Action<Utf8JsonWriter> writeDelta, string? finishReason = null) => Event(paced, w =>
    {
        w.WriteStartObject();
        WriteHead(w, head, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", index);
        w.WriteStartObject("delta");
        writeDelta(w);
        w.WriteEndObject();
        w.WriteNull("logprobs");
        if (finishReason is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finishReason);
        }
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static PacedEvent Event(bool paced, Action<Utf8JsonWriter> write)
    {
        var json = UpstreamResponses.JsonBytes(write);
        var bytes = new byte[json.Length + 8];
        "data: "u8.CopyTo(bytes);
        json.CopyTo(bytes, 6);
        bytes[^2] = (byte)'\n';
        bytes[^1] = (byte)'\n';
        return new PacedEvent(paced, bytes);
    }

    private static void WriteHead(Utf8JsonWriter w, Head head, string objectType)
    {
        w.WriteString("id", head.Id);
        w.WriteString("object", objectType);
        w.WriteNumber("created", head.Created);
        w.WriteString("model", head.Model);
        w.WriteString("system_fingerprint", Fingerprint);
    }

    private static void WriteUsage(Utf8JsonWriter w, SimulatedChatRequest request, SimulatedAnswer answer)
    {
        var prompt = SimulatedAnswer.PromptTokens(request);
        var completion = answer.CompletionTokens * request.Choices;
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", prompt);
        w.WriteNumber("completion_tokens", completion);
        w.WriteNumber("total_tokens", prompt + completion);
        w.WriteEndObject();
    }
}
