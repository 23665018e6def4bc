using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelMesh.Json;

namespace ModelMesh.Cdk;

public abstract partial class BaseProvider
{
    /// <summary>Turns text into speech and returns the whole audio.</summary>
    /// <param name="request">The request; <see cref="SpeechRequest.Model"/> is sent as the upstream model id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ProviderException">
    /// The upstream failed: an error status, an error sent as JSON with a success status, or a body that is not audio.
    /// </exception>
    /// <exception cref="ArgumentException">The request is invalid (no model or no input).</exception>
    public async Task<SpeechResult> SpeechAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        ValidateSpeechRequest(request);
        return await SpeechCoreAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers a validated speech request over HTTP with the hooks; a provider without HTTP overrides it.</summary>
    /// <param name="request">The request: it has a model and input.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    protected virtual async Task<SpeechResult> SpeechCoreAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await PostAsync(request.Model, "audio", GetSpeechEndpoint(request), () => BuildSpeechContent(request),
            (body, contentType) => ParseSpeechResponse(body, contentType, request), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Transcribes audio into text.</summary>
    /// <param name="request">The request; <see cref="TranscriptionRequest.Model"/> is sent as the upstream model id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ProviderException">The upstream failed.</exception>
    /// <exception cref="ArgumentException">The request is invalid (no model, no file or no file name).</exception>
    public async Task<TranscriptionResponse> TranscribeAsync(TranscriptionRequest request, CancellationToken cancellationToken = default)
    {
        ValidateTranscriptionRequest(request);
        return await TranscribeCoreAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers a validated transcription request over HTTP with the hooks; a provider without HTTP overrides it.</summary>
    /// <param name="request">The request: it has a model and a named file.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    protected virtual async Task<TranscriptionResponse> TranscribeCoreAsync(TranscriptionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await PostAsync(request.Model, "transcription", GetTranscriptionEndpoint(request), () => BuildTranscriptionContent(request),
            (body, contentType) => ParseTranscriptionResponse(body, contentType, request), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One non-streamed POST: the whole body is read, then handed to a parsing hook with its content type.</summary>
    private async Task<T> PostAsync<T>(string modelId, string waitingFor, string endpoint, Func<HttpContent> createContent,
        Func<ReadOnlyMemory<byte>, string?, T> parse, CancellationToken cancellationToken)
    {
        using var timeout = StartTimeout(cancellationToken, Options.RequestTimeout);
        return await CallAsync(modelId, waitingFor, timeout, cancellationToken, async token =>
        {
            using var response = await SendContentAsync(HttpMethod.Post, endpoint, createContent, modelId, token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, token).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType?.ToString();
            return RunHook(modelId, response, body, () => parse(body, contentType));
        }).ConfigureAwait(false);
    }

    /// <summary>Hook <see cref="ProviderHook.GetSpeechEndpoint"/>: <c>/v1/audio/speech</c>.</summary>
    protected virtual string GetSpeechEndpoint(SpeechRequest request) => "/v1/audio/speech";

    /// <summary>
    /// Hook <see cref="ProviderHook.BuildSpeechContent"/>: the request body, by default the JSON that
    /// <see cref="BuildSpeechPayload"/> writes. Override it for a body that is not JSON (Azure's SSML). Called once
    /// per send; the content is disposed after it.
    /// </summary>
    /// <param name="request">The request to send.</param>
    protected virtual HttpContent BuildSpeechContent(SpeechRequest request) => CreateJsonContent(w => BuildSpeechPayload(w, request));

    /// <summary>Hook <see cref="ProviderHook.BuildSpeechPayload"/>: the request as OpenAI JSON.</summary>
    protected virtual void BuildSpeechPayload(Utf8JsonWriter writer, SpeechRequest request) =>
        JsonSerializer.Serialize(writer, request, ModelMeshJsonContext.Default.SpeechRequest);

    /// <summary>
    /// Hook <see cref="ProviderHook.ParseSpeechResponse"/>: the body is the audio. A JSON body is an error sent
    /// with a success status (in-band); a text body (an HTML page from a proxy, say) or an empty one is not audio.
    /// </summary>
    /// <param name="body">The response body.</param>
    /// <param name="contentType">The response's <c>Content-Type</c> header, when it had one.</param>
    /// <param name="request">The request that was sent.</param>
    protected virtual SpeechResult ParseSpeechResponse(ReadOnlyMemory<byte> body, string? contentType, SpeechRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var media = MediaTypes.TypeOf(contentType);
        if (MediaTypes.IsJson(media))
        {
            var error = ErrorBody.Parse(body.Span);
            throw error.Message is not null || error.Code is not null || error.Type is not null
                ? InBandError(body)
                : new InvalidDataException("The upstream answered with JSON that is neither audio nor an error.");
        }
        if (media is not null && media.StartsWith("text/", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The upstream answered with '{media}' instead of audio.");
        }
        if (body.IsEmpty)
        {
            throw new InvalidDataException("The upstream answered with an empty body instead of audio.");
        }
        return new SpeechResult(body, contentType, MediaTypes.SpeechFormat(media, request.ResponseFormat));
    }

    /// <summary>Hook <see cref="ProviderHook.GetTranscriptionEndpoint"/>: <c>/v1/audio/transcriptions</c>.</summary>
    protected virtual string GetTranscriptionEndpoint(TranscriptionRequest request) => "/v1/audio/transcriptions";

    /// <summary>
    /// Hook <see cref="ProviderHook.BuildTranscriptionContent"/>: OpenAI's <c>multipart/form-data</c> body, the
    /// form fields first and the <c>file</c> part last. Called once per send; the content is disposed after it.
    /// </summary>
    protected virtual HttpContent BuildTranscriptionContent(TranscriptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = new MultipartFormDataContent();
        try
        {
            form.Add(new StringContent(request.Model), "model");
            AddField(form, "language", request.Language);
            AddField(form, "prompt", request.Prompt);
            AddField(form, "response_format", request.ResponseFormat);
            AddField(form, "temperature", request.Temperature?.ToString("R", CultureInfo.InvariantCulture));
            foreach (var granularity in request.TimestampGranularities ?? [])
            {
                AddField(form, "timestamp_granularities[]", granularity);
            }
            foreach (var (name, value) in request.AdditionalFields ?? [])
            {
                AddField(form, name, value);
            }
            // Fields before the file, as curl and the Python SDK send them: a server reading the form as a
            // stream knows the model and options before the (large) audio arrives.
            form.Add(BorrowedContent.Of(request), "file", request.FileName);
            return form;
        }
        catch
        {
            form.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Hook <see cref="ProviderHook.ParseTranscriptionResponse"/>: OpenAI's JSON (<c>json</c>, <c>verbose_json</c>),
    /// or for <c>text</c>, <c>srt</c> and <c>vtt</c> the whole body as <see cref="TranscriptionResponse.Text"/>.
    /// A JSON body with an <c>error</c> and no text is an in-band error.
    /// </summary>
    /// <param name="body">The response body.</param>
    /// <param name="contentType">The response's <c>Content-Type</c> header, when it had one.</param>
    /// <param name="request">The request that was sent.</param>
    protected virtual TranscriptionResponse ParseTranscriptionResponse(ReadOnlyMemory<byte> body, string? contentType, TranscriptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var media = MediaTypes.TypeOf(contentType);
        // The content type wins over the requested format: an error arrives as JSON whatever was asked for.
        if (MediaTypes.IsJson(media) || !MediaTypes.IsTextTranscriptionFormat(request.ResponseFormat))
        {
            return ParseTranscriptionJson(body);
        }
        if (media is "text/html")
        {
            throw new InvalidDataException("The upstream answered with an HTML page instead of a transcription.");
        }
        return new TranscriptionResponse { Text = Encoding.UTF8.GetString(body.Span) };
    }

    private static TranscriptionResponse ParseTranscriptionJson(ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span);
        if (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            // A text format served as application/json (some OpenAI-compatible servers): one JSON string.
            return new TranscriptionResponse { Text = JsonSerializer.Deserialize(body.Span, ModelMeshJsonContext.Default.String) ?? string.Empty };
        }
        var response = JsonSerializer.Deserialize(body.Span, ModelMeshJsonContext.Default.TranscriptionResponse)
            ?? throw new JsonException("The response body is JSON null, not a transcription.");
        if (string.IsNullOrEmpty(response.Text) && response.AdditionalProperties?.ContainsKey("error") == true)
        {
            throw InBandError(body);
        }
        response.Text ??= string.Empty; // "text": null
        return response;
    }

    private static void AddField(MultipartFormDataContent form, string name, string? value)
    {
        if (value is not null)
        {
            form.Add(new StringContent(value), name);
        }
    }

    private static void ValidateSpeechRequest(SpeechRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw new ArgumentException("The speech request has no 'model'.", nameof(request));
        }
        if (string.IsNullOrWhiteSpace(request.Input))
        {
            throw new ArgumentException("The speech request has no 'input' (the text to speak).", nameof(request));
        }
    }

    private static void ValidateTranscriptionRequest(TranscriptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw new ArgumentException("The transcription request has no 'model'.", nameof(request));
        }
        var error = (request.File.IsEmpty, request.FileStream) switch
        {
            (true, null) => "The transcription request has no 'file' (the audio): set File or FileStream.",
            (false, not null) => "The transcription request sets both File and FileStream for its 'file'; set one.",
            (_, { CanRead: false }) => "The transcription request's 'file' stream cannot be read.",
            _ when string.IsNullOrWhiteSpace(request.FileName) =>
                "The transcription request's 'file' has no FileName; upstreams recognise the audio format by its extension (for example 'speech.mp3').",
            _ when request.FileContentType is { } type && !MediaTypeHeaderValue.TryParse(type, out _) =>
                $"The transcription request's FileContentType '{request.FileContentType}' (of its 'file') is not a media type.",
            _ => null,
        };
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(request));
        }
    }
}
