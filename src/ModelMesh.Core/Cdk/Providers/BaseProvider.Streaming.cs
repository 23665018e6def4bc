using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ModelMesh.Json;

namespace ModelMesh.Cdk;

public abstract partial class BaseProvider
{
    /// <summary>
    /// Sends a chat completion request with streaming and yields each chunk as soon as its event has arrived;
    /// nothing is buffered beyond the event being read.
    /// </summary>
    /// <param name="request">The request; <see cref="ChatCompletionRequest.Model"/> is sent as the upstream model id.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <exception cref="ProviderException">
    /// The upstream failed, before the stream or during it (an in-band error event, a cut connection, a stream
    /// that ended before its terminator, or silence longer than <see cref="ProviderOptions.StreamIdleTimeout"/>).
    /// </exception>
    public IAsyncEnumerable<ChatCompletionChunk> StreamAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default) =>
        new PreparedStream(this, request, owned: false, cancellationToken);

    /// <summary>
    /// <see cref="StreamAsync"/> for a request the caller made for this call alone (the mesh's per-attempt copy):
    /// it is changed in place instead of copied again.
    /// </summary>
    internal IAsyncEnumerable<ChatCompletionChunk> StreamOwnedAsync(ChatCompletionRequest wire, CancellationToken cancellationToken) =>
        new PreparedStream(this, wire, owned: true, cancellationToken);

    /// <summary>
    /// Streams the answer to a validated chat completion request over HTTP with the hooks, yielding each chunk as
    /// it arrives. A provider that does not speak HTTP overrides this and <see cref="CompleteCoreAsync"/>.
    /// </summary>
    /// <param name="wire">The request to send: it has a model and messages, <c>stream</c> set and the stream options to send.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    protected virtual async IAsyncEnumerable<ChatCompletionChunk> StreamCoreAsync(ChatCompletionRequest wire, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wire);
        using var timeout = StartTimeout(cancellationToken, Options.RequestTimeout);
        var response = await CallAsync(wire.Model, "response headers", timeout, cancellationToken,
            token => SendAsync(HttpMethod.Post, GetCompletionEndpoint(wire), w => BuildRequestPayload(w, wire), wire.Model, token)).ConfigureAwait(false);
        using (response)
        {
            if (IsJson(response.Content.Headers.ContentType))
            {
                // The upstream ignored "stream": answer with one chunk made from the whole completion.
                var completion = await CallAsync(wire.Model, "the response", timeout, cancellationToken, async token =>
                {
                    var body = await ReadBodyAsync(response, token).ConfigureAwait(false);
                    return RunHook(wire.Model, response, body, () => ParseResponse(body));
                }).ConfigureAwait(false);
                yield return ChatCompletionChunk.FromCompletion(completion);
                yield break;
            }

            var stream = await CallAsync(wire.Model, "the response body", timeout, cancellationToken,
                token => response.Content.ReadAsStreamAsync(token)).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamEventReader(stream, StreamFormat, Options.MaxStreamEventBytes);
                var idle = Options.StreamIdleTimeout;
                // The idle timer replaces the request timeout once the body flows. It counts silence per event, not
                // per read (keep-alive comments such as ": ping" are bytes, not events, and must not keep a silent
                // stream alive), from the start of each wait; marking it is a timestamp, not a timer call per event.
                Routing.Timers.Arm(timeout, Timeout.InfiniteTimeSpan);
                using var idleTimer = Routing.IdleTimer.Start(timeout, idle);
                var sawTerminator = false;
                var sawFinish = false;
                var state = CreateStreamState();
                while (true)
                {
                    SseEvent? next;
                    idleTimer?.Touch();
                    try
                    {
                        next = await reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (TranslateTransportException(e, wire.Model, "stream data", idle, cancellationToken) is { } translated)
                    {
                        throw translated;
                    }
                    if (next is not SseEvent streamEvent)
                    {
                        break;
                    }
                    if (IsEndOfStream(streamEvent))
                    {
                        sawTerminator = true;
                        break;
                    }

                    var chunk = RunStreamHook(wire.Model, response, streamEvent, state);
                    if (chunk is null)
                    {
                        continue;
                    }
                    var inBandError = TakeInBandError(chunk);
                    if (inBandError is not null && !HasContent(chunk))
                    {
                        throw CreateException(wire.Model, new ProviderError(null, response.Headers, inBandError, null, inBand: true));
                    }
                    var finished = HasFinishReason(chunk);
                    sawFinish |= finished;
                    yield return chunk;
                    if (inBandError is not null)
                    {
                        throw CreateException(wire.Model, new ProviderError(null, response.Headers, inBandError, null, inBand: true));
                    }
                    if (finished && StreamFormat == StreamFormat.NewlineDelimitedJson)
                    {
                        // NDJSON has no end marker: the line that finishes the answer (Ollama's "done": true) is the last.
                        sawTerminator = true;
                        break;
                    }
                }

                if (!sawTerminator && !IsCompleteWithoutTerminator(sawFinish))
                {
                    var cut = new IOException("The upstream closed the stream before it was complete (no end-of-stream marker and no finish reason).");
                    throw CreateException(wire.Model, new ProviderError(null, null, default, cut, inBand: false));
                }
            }
        }
    }

    /// <summary>
    /// Whether a stream that ended without its terminator event is nonetheless complete. Default: only when a
    /// finish reason was seen. Formats without a terminator (NDJSON, some SSE dialects) override this.
    /// </summary>
    /// <param name="sawFinishReason">Whether any chunk carried a finish reason.</param>
    protected virtual bool IsCompleteWithoutTerminator(bool sawFinishReason) => sawFinishReason;

    private ChatCompletionChunk? RunStreamHook(string modelId, HttpResponseMessage response, in SseEvent streamEvent, object? state)
    {
        try
        {
            return ParseStreamChunk(streamEvent, state);
        }
        catch (Exception e) when (e is not ProviderException and not OperationCanceledException)
        {
            var payload = e is InBandErrorException { Body.IsEmpty: false } inBand ? inBand.Body : streamEvent.Data.ToArray();
            throw CreateException(modelId, new ProviderError((int)response.StatusCode, response.Headers, payload, e, inBand: true));
        }
    }

    /// <summary>Removes and returns a top-level <c>error</c> member of a chunk (OpenRouter's mid-stream errors).</summary>
    private static byte[]? TakeInBandError(ChatCompletionChunk chunk)
    {
        if (chunk.AdditionalProperties is null || !chunk.AdditionalProperties.Remove("error", out var error)
            || error.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("error");
            error.WriteTo(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Whether any choice of the chunk finishes (a loop, not LINQ: this runs once per event).</summary>
    private static bool HasFinishReason(ChatCompletionChunk chunk)
    {
        var choices = chunk.Choices;
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i].FinishReason is not null)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether a chunk carries output (reasoning included): then it is delivered before its in-band error.</summary>
    private static bool HasContent(ChatCompletionChunk chunk) => chunk.Choices.Any(c =>
        !string.IsNullOrEmpty(c.Delta.Content) || !string.IsNullOrEmpty(c.Delta.Refusal)
        || !string.IsNullOrEmpty(c.Delta.ReasoningContent) || !string.IsNullOrEmpty(c.Delta.Reasoning)
        || c.Delta.ToolCalls is { Count: > 0 });

    private static bool IsJson(MediaTypeHeaderValue? contentType) => MediaTypes.IsJson(MediaTypes.TypeOf(contentType?.MediaType));
}
