using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ModelMesh.Cdk;

public abstract partial class BaseProvider
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    /// <summary>
    /// Sends one request and returns the response once its headers have arrived and its status is a success;
    /// a failure status is read, classified and thrown.
    /// </summary>
    private protected Task<HttpResponseMessage> SendAsync(HttpMethod method, string endpoint, Action<Utf8JsonWriter>? writePayload, string? modelId, CancellationToken cancellationToken) =>
        SendContentAsync(method, endpoint, writePayload is null ? null : () => CreateJsonContent(writePayload), modelId, cancellationToken);

    /// <summary>
    /// Sends one request with a body that is not JSON (for example a multipart upload), like
    /// <see cref="SendAsync"/>. The content is created here, inside the call, and disposed with the request.
    /// </summary>
    private protected async Task<HttpResponseMessage> SendContentAsync(HttpMethod method, string endpoint, Func<HttpContent>? createContent, string? modelId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, ResolveEndpoint(endpoint));
        BuildHeaders(request.Headers);
        request.Content = createContent?.Invoke();

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var body = await ResponseBodyReader.ReadTruncatedAsync(response.Content, Options.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
            throw CreateException(modelId, new ProviderError((int)response.StatusCode, response.Headers, body, null, inBand: false));
        }
    }

    private static ReadOnlyMemoryContent CreateJsonContent(Action<Utf8JsonWriter> writePayload)
    {
        // Buffered so the request has a Content-Length: some upstreams and proxies reject chunked bodies.
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writePayload(writer);
        }
        var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = JsonContentType;
        return content;
    }

    /// <summary>Joins the base URL and an endpoint path; an absolute endpoint URL is used as is.</summary>
    private Uri ResolveEndpoint(string endpoint)
    {
        if (Uri.TryCreate(endpoint, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute;
        }
        var baseText = Options.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var query = Options.BaseUrl.Query;
        var path = endpoint.StartsWith('/') ? endpoint : "/" + endpoint;
        // "http://host/v1" (the OpenAI SDK convention) plus "/v1/chat/completions" must not become "/v1/v1/…".
        if (baseText.EndsWith("/v1", StringComparison.Ordinal) && path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            path = path[3..];
        }
        return new Uri(baseText + path + (query.Length > 1 && !path.Contains('?') ? query : string.Empty));
    }

    /// <summary>
    /// A successful response's whole body, within <see cref="ProviderOptions.MaxResponseBodyBytes"/>; a larger one
    /// throws <see cref="ResponseLimitExceededException"/> (turned into a <see cref="ResponseTooLargeException"/>
    /// by <see cref="CallAsync"/>) without being read further.
    /// </summary>
    private Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ResponseBodyReader.ReadWholeAsync(response.Content, Options.MaxResponseBodyBytes, cancellationToken);

    /// <summary>A token source cancelled by the caller's token or after <paramref name="timeout"/>.</summary>
    private protected static CancellationTokenSource StartTimeout(CancellationToken cancellationToken, TimeSpan timeout)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Routing.Timers.Arm(source, timeout); // a timeout past what a timer can hold means none, never a crash
        return source;
    }

    /// <summary>Runs a call, turning timeouts and transport failures into classified <see cref="ProviderException"/>s.</summary>
    private async Task<T> CallAsync<T>(string? modelId, string waitingFor, CancellationTokenSource timeout, CancellationToken callerToken, Func<CancellationToken, Task<T>> call)
    {
        try
        {
            return await call(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (TranslateTransportException(e, modelId, waitingFor, Options.RequestTimeout, callerToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Maps a timeout or transport failure to a <see cref="ProviderException"/>; null for exceptions that
    /// pass through unchanged (the caller's own cancellation, and provider exceptions already classified).
    /// </summary>
    private ProviderException? TranslateTransportException(Exception e, string? modelId, string waitingFor, TimeSpan limit, CancellationToken callerToken)
    {
        switch (e)
        {
            case ProviderException:
                return null;
            case OperationCanceledException when callerToken.IsCancellationRequested:
                return null;
            case OperationCanceledException:
                var timeoutError = new TimeoutException($"No {waitingFor} from the upstream within {limit.TotalSeconds:0.###} s.", e);
                return CreateException(modelId, new ProviderError(null, null, default, timeoutError, inBand: false));
            case HttpRequestException or IOException or ResponseLimitExceededException:
                return CreateException(modelId, new ProviderError(null, null, default, e, inBand: false));
            default:
                return null;
        }
    }

    /// <summary>Runs a parsing hook; anything it throws (other than a provider exception) is classified.</summary>
    private T RunHook<T>(string? modelId, HttpResponseMessage response, ReadOnlyMemory<byte> body, Func<T> hook)
    {
        try
        {
            return hook();
        }
        catch (Exception e) when (e is not ProviderException and not OperationCanceledException)
        {
            var payload = e is InBandErrorException { Body.IsEmpty: false } inBand ? inBand.Body : body;
            throw CreateException(modelId, new ProviderError((int)response.StatusCode, response.Headers, payload, e, inBand: true));
        }
    }

    /// <summary>
    /// Classifies a failure with the <see cref="ClassifyError"/> hook and builds the matching exception. Every
    /// string of the classification and the inner exception's message, whichever hook produced them, have the
    /// secrets removed and their length bounded: they are upstream text, and they reach messages and logs.
    /// </summary>
    private protected ProviderException CreateException(string? modelId, ProviderError error)
    {
        // A crossed size limit is ModelMesh's own verdict, not an upstream's error: no hook may make it retryable.
        var classification = error.Exception is ResponseLimitExceededException
            ? DefaultErrorClassifier.Classify(error, Options.TimeProvider.GetUtcNow())
            : ClassifyError(error);
        classification = classification with
        {
            Code = Clean(classification.Code, UpstreamText.MaxFieldLength),
            Type = Clean(classification.Type, UpstreamText.MaxFieldLength),
            Param = Clean(classification.Param, UpstreamText.MaxFieldLength),
            Message = Clean(classification.Message, UpstreamText.MaxMessageLength),
        };
        var inner = error.Exception;
        if (inner is InBandErrorException)
        {
            inner = null; // it only carried the payload, which the classification now describes
        }
        else if (inner is not null && (inner.Message.Length > UpstreamText.MaxMessageLength || _redactor.Contains(inner.ToString())))
        {
            inner = new ModelMeshException(Clean(inner.Message, UpstreamText.MaxMessageLength));
        }
        return ProviderException.Create(Id, modelId, error.InBand ? null : error.StatusCode, classification, inner);
    }

    /// <summary>Secrets out first, then the cut: cutting first could leave the start of a secret that no longer matches.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private string? Clean(string? text, int maxLength) => text is null ? null : UpstreamText.Bound(_redactor.Redact(text), maxLength);
}
