using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ModelMesh.Gateway.Tests.Load;

/// <summary>How one request through the gateway ended, as its client saw it.</summary>
internal enum AnswerKind
{
    /// <summary>200 with a whole chat completion.</summary>
    Completion,

    /// <summary>200 SSE: every event a chunk, the last one <c>[DONE]</c>.</summary>
    Stream,

    /// <summary>A 4xx/5xx status with an OpenAI error body.</summary>
    ErrorBody,

    /// <summary>200 SSE whose last event is <c>data: {"error": …}</c> (and no <c>[DONE]</c>).</summary>
    StreamErrorEvent,

    /// <summary>Not one of the above: a body or stream that is neither an answer nor a well-formed error.</summary>
    Malformed,

    /// <summary>The connection broke before the answer was complete.</summary>
    Broken,

    /// <summary>No complete answer within the client's own timeout.</summary>
    Hung,
}

/// <summary>One request's ending: its kind, the status, and for a bad ending what was wrong.</summary>
internal readonly record struct Answer(AnswerKind Kind, int Status, string? Detail = null)
{
    public bool WellFormed => Kind is AnswerKind.Completion or AnswerKind.Stream or AnswerKind.ErrorBody or AnswerKind.StreamErrorEvent;

    /// <summary>The key a test's summary counts it under: kind, and the status of an error body.</summary>
    public string Key => Kind == AnswerKind.ErrorBody ? "error " + Status.ToString(CultureInfo.InvariantCulture) : Kind.ToString();

    /// <summary>Sends one request and reads its answer to the end within <paramref name="timeout"/>.</summary>
    public static async Task<Answer> OfAsync(HttpClient http, HttpContent request, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/chat/completions", UriKind.Relative)) { Content = request };
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
            return Classify(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            return new Answer(AnswerKind.Hung, 0, string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds} s"));
        }
        catch (HttpRequestException e)
        {
            return new Answer(AnswerKind.Broken, 0, e.HttpRequestError.ToString());
        }
        catch (IOException e)
        {
            return new Answer(AnswerKind.Broken, 0, e.GetType().Name);
        }
    }

    public static Answer Classify(HttpStatusCode code, string? mediaType, string body)
    {
        var status = (int)code;
        if (status == 200 && mediaType == "text/event-stream")
        {
            return Sse(body);
        }
        if (status == 200)
        {
            return HasCompletion(body) ? new Answer(AnswerKind.Completion, status) : Bad(status, "200 without a chat completion", body);
        }
        if (status is >= 400 and < 600 && mediaType == "application/json" && IsError(body))
        {
            return new Answer(AnswerKind.ErrorBody, status);
        }
        return Bad(status, "status without an OpenAI error body", body);
    }

    private static Answer Sse(string body)
    {
        if (!body.EndsWith("\n\n", StringComparison.Ordinal))
        {
            return Bad(200, "a stream whose last event is not terminated", body);
        }
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            if (!e.StartsWith("data: ", StringComparison.Ordinal))
            {
                return Bad(200, "an event that is not a data: line", e);
            }
            var data = e["data: ".Length..];
            var last = i == events.Length - 1;
            if (last && data == "[DONE]")
            {
                return new Answer(AnswerKind.Stream, 200);
            }
            if (last && IsError(data))
            {
                return new Answer(AnswerKind.StreamErrorEvent, 200);
            }
            if (!IsChunk(data))
            {
                return Bad(200, last ? "a stream ending in neither [DONE] nor an error event" : "an event that is not a chunk", data);
            }
        }
        return Bad(200, "an empty stream", body);
    }

    private static bool HasCompletion(string body) => Parse(body, root =>
        root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
        && choices[0].GetProperty("message").GetProperty("content").ValueKind == JsonValueKind.String);

    private static bool IsChunk(string data) => Parse(data, root =>
        root.TryGetProperty("object", out var type) && type.GetString() == "chat.completion.chunk"
        && root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array);

    private static bool IsError(string body) => Parse(body, root =>
        root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
        && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String && message.GetString()!.Length > 0
        && error.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String);

    private static bool Parse(string json, Func<JsonElement, bool> check)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && check(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static Answer Bad(int status, string what, string body) =>
        new(AnswerKind.Malformed, status, what + ": " + (body.Length <= 300 ? body : body[..300] + "…"));
}
