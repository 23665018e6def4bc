using System.Net.Http.Headers;
using System.Text.Json;
using ModelMesh.Json;
using ModelMesh.Json.Readers;

namespace ModelMesh.Cdk;

public abstract partial class BaseProvider
{
    /// <summary>Hook <see cref="ProviderHook.BuildHeaders"/>: <c>Authorization: Bearer</c>, <c>OpenAI-Organization</c> and the configured headers.</summary>
    protected virtual void BuildHeaders(HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!string.IsNullOrEmpty(Options.ApiKey))
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.ApiKey);
        }
        if (!string.IsNullOrEmpty(Options.Organization))
        {
            headers.TryAddWithoutValidation("OpenAI-Organization", Options.Organization);
        }
        if (Options.Headers is not null)
        {
            foreach (var (name, value) in Options.Headers)
            {
                headers.Remove(name);
                headers.TryAddWithoutValidation(name, value);
            }
        }
    }

    /// <summary>Hook <see cref="ProviderHook.GetCompletionEndpoint"/>: <c>/v1/chat/completions</c>.</summary>
    protected virtual string GetCompletionEndpoint(ChatCompletionRequest request) => "/v1/chat/completions";

    /// <summary>Hook <see cref="ProviderHook.BuildRequestPayload"/>: the request as OpenAI JSON (without Anthropic's signed thinking blocks).</summary>
    protected virtual void BuildRequestPayload(Utf8JsonWriter writer, ChatCompletionRequest request) =>
        JsonSerializer.Serialize(writer, request.WithoutThinkingBlocks(), ModelMeshJsonContext.Default.ChatCompletionRequest);

    /// <summary>
    /// Hook <see cref="ProviderHook.ParseResponse"/>: an OpenAI chat completion. A body that carries an
    /// <c>error</c> object instead of choices is an in-band error and is thrown as a <see cref="ProviderException"/>.
    /// </summary>
    protected virtual ChatCompletion ParseResponse(ReadOnlyMemory<byte> body)
    {
        var completion = ChatCompletionReader.Read(body.Span)
            ?? throw new JsonException("The response body is JSON null, not a chat completion.");
        if (completion.Choices.Count == 0 && completion.AdditionalProperties?.ContainsKey("error") == true)
        {
            throw InBandError(body);
        }
        return completion;
    }

    /// <summary>How this provider frames streamed responses. Default: server-sent events.</summary>
    protected virtual StreamFormat StreamFormat => StreamFormat.ServerSentEvents;

    /// <summary>Whether an event ends the stream. Default: <c>data: [DONE]</c>.</summary>
    protected virtual bool IsEndOfStream(in SseEvent streamEvent) => streamEvent.IsDone;

    /// <summary>
    /// Hook <see cref="ProviderHook.ParseStreamChunk"/>: one OpenAI chunk per event; null skips the event.
    /// An <c>event: error</c> or a chunk with a top-level <c>error</c> is an in-band error: the chunk's content
    /// (if any) is still delivered, then the stream ends with a <see cref="ProviderException"/>.
    /// </summary>
    protected virtual ChatCompletionChunk? ParseStreamChunk(in SseEvent streamEvent)
    {
        if (streamEvent.EventType == "error")
        {
            throw InBandError(streamEvent.Data);
        }
        // The stream's own reader reuses the strings every chunk repeats; an event made by hand gets a fresh one.
        var reader = streamEvent.ChunkReader ?? new ChatChunkReader();
        return reader.Read(streamEvent.Data.Span)
            ?? throw new JsonException("A stream event is JSON null, not a chunk.");
    }

    /// <summary>
    /// Creates the state the events of one stream share, for formats whose events depend on earlier ones (Anthropic's
    /// <c>message_start</c> carries the id and model that later events omit, and its content-block indices count
    /// text and tool blocks together). Called once per stream before its first event; the object is handed to every
    /// <see cref="ParseStreamChunk(in SseEvent, object?)"/> call of that stream and of no other, so concurrent streams
    /// of one provider never share it. Default: no state.
    /// </summary>
    protected virtual object? CreateStreamState() => null;

    /// <summary>
    /// Hook <see cref="ProviderHook.ParseStreamChunk"/> with the stream's state (from <see cref="CreateStreamState"/>).
    /// Default: <see cref="ParseStreamChunk(in SseEvent)"/>, which needs none.
    /// </summary>
    /// <param name="streamEvent">The event.</param>
    /// <param name="state">This stream's state, or null when the provider keeps none.</param>
    protected virtual ChatCompletionChunk? ParseStreamChunk(in SseEvent streamEvent, object? state) => ParseStreamChunk(streamEvent);

    /// <summary>
    /// Hook <see cref="ProviderHook.ClassifyError"/>: <see cref="DefaultErrorClassifier"/>. Override to
    /// recognise an upstream's own error shapes or the exceptions your other hooks throw, and fall back to
    /// this implementation for the rest. Whatever it returns, the provider removes secrets from every string and
    /// bounds its length. Not called for a crossed response-size limit, which is always
    /// <see cref="ProviderErrorCategory.ResponseTooLarge"/>.
    /// </summary>
    protected virtual ErrorClassification ClassifyError(ProviderError error) =>
        DefaultErrorClassifier.Classify(error, Options.TimeProvider.GetUtcNow());

    /// <summary>Hook <see cref="ProviderHook.GetEmbeddingsEndpoint"/>: <c>/v1/embeddings</c>.</summary>
    protected virtual string GetEmbeddingsEndpoint(EmbeddingRequest request) => "/v1/embeddings";

    /// <summary>Hook <see cref="ProviderHook.BuildEmbeddingsPayload"/>: the request as OpenAI JSON.</summary>
    protected virtual void BuildEmbeddingsPayload(Utf8JsonWriter writer, EmbeddingRequest request) =>
        JsonSerializer.Serialize(writer, request, ModelMeshJsonContext.Default.EmbeddingRequest);

    /// <summary>Hook <see cref="ProviderHook.ParseEmbeddingsResponse"/>: an OpenAI embeddings response, re-encoded as the request asked.</summary>
    protected virtual EmbeddingResponse ParseEmbeddingsResponse(ReadOnlyMemory<byte> body, EmbeddingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = JsonSerializer.Deserialize(body.Span, ModelMeshJsonContext.Default.EmbeddingResponse)
            ?? throw new JsonException("The response body is JSON null, not an embeddings response.");
        if (response.Data.Count == 0 && response.AdditionalProperties?.ContainsKey("error") == true)
        {
            throw InBandError(body);
        }
        // An upstream that ignores encoding_format must not change what the caller gets.
        var wanted = string.Equals(request.EncodingFormat, "base64", StringComparison.OrdinalIgnoreCase) ? EmbeddingEncoding.Base64 : EmbeddingEncoding.Float;
        foreach (var embedding in response.Data)
        {
            embedding.Vector = embedding.Vector.WithEncoding(wanted);
        }
        return response;
    }

    /// <summary>Hook <see cref="ProviderHook.GetModelsEndpoint"/>: <c>/v1/models</c>.</summary>
    protected virtual string GetModelsEndpoint() => "/v1/models";

    /// <summary>Hook <see cref="ProviderHook.ParseModelsResponse"/>: an OpenAI models list.</summary>
    protected virtual ModelList ParseModelsResponse(ReadOnlyMemory<byte> body) =>
        JsonSerializer.Deserialize(body.Span, ModelMeshJsonContext.Default.ModelList)
            ?? throw new JsonException("The response body is JSON null, not a models list.");

    /// <summary>
    /// An exception for an error the upstream reported inside a successful response; hooks throw it when they
    /// find one. It is classified by <see cref="ClassifyError"/> like any other failure.
    /// </summary>
    protected static InBandErrorException InBandError(ReadOnlyMemory<byte> body) => new(body.ToArray());
}

/// <summary>
/// Thrown by a provider hook when a successful response carries an error (an in-band error event or body).
/// The provider classifies it and rethrows it as a <see cref="ProviderException"/>.
/// </summary>
public sealed class InBandErrorException : Exception
{
    /// <summary>Creates the exception with the error payload.</summary>
    public InBandErrorException(byte[] body) : base("The upstream reported an error inside a successful response.")
    {
        Body = body;
    }

    /// <summary>
    /// Creates the exception for a hook that found an error in the record it was given (a stream line or body that
    /// carries an <c>error</c> instead of content): the whole event data or body is then the payload classified.
    /// </summary>
    public InBandErrorException() : this([])
    {
    }

    /// <summary>The error payload; empty when the event data or body that the hook was given is the payload.</summary>
    public ReadOnlyMemory<byte> Body { get; }
}
