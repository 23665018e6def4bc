using System.Text.Json;

namespace ModelMesh.Cdk;

// The typed send helpers for a connector whose call is more than one request (upload, submit, poll): each step is
// one exchange with the same headers, timeouts, size limits and error classification as the hooks' requests.
public abstract partial class BaseProvider
{
    /// <summary>
    /// Sends one request and reads its whole body through <paramref name="read"/> (typically a generated
    /// <c>WireJson.ReadX(body.Span)</c>), as the hooks' requests are: the headers of <see cref="BuildHeaders"/>,
    /// <see cref="ProviderOptions.RequestTimeout"/> for this exchange, the response size limit, a failure status
    /// classified by <see cref="ClassifyError"/>, and anything <paramref name="read"/> throws classified as an
    /// in-band error (throw <see cref="InBandErrorException"/> for an error the upstream sent with a success status).
    /// </summary>
    /// <typeparam name="T">What the body is read into.</typeparam>
    /// <param name="method">The HTTP method.</param>
    /// <param name="endpoint">A path joined to the base URL, or an absolute URL.</param>
    /// <param name="createContent">Creates the request body, once per send (null: no body); disposed after it.</param>
    /// <param name="read">Reads the successful response's body.</param>
    /// <param name="modelId">The model the exchange is for, named in errors.</param>
    /// <param name="waitingFor">What a timeout message says was awaited, e.g. <c>"upload"</c>.</param>
    /// <param name="cancellationToken">The caller's token: its cancellation is thrown as is, never classified.</param>
    /// <exception cref="ProviderException">The upstream failed, timed out or sent a body <paramref name="read"/> rejected.</exception>
    protected async Task<T> SendAndReadAsync<T>(HttpMethod method, string endpoint, Func<HttpContent>? createContent,
        Func<ReadOnlyMemory<byte>, T> read, string? modelId, string waitingFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(read);
        using var timeout = StartTimeout(cancellationToken, Options.RequestTimeout);
        return await CallAsync(modelId, waitingFor, timeout, cancellationToken, async token =>
        {
            using var response = await SendContentAsync(method, endpoint, createContent, modelId, token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, token).ConfigureAwait(false);
            return RunHook(modelId, response, body, () => read(body));
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// A JSON request body written by <paramref name="write"/> (typically <c>w => WireJson.Write(w, record)</c>),
    /// buffered so it has a <c>Content-Length</c>, with <c>Content-Type: application/json; charset=utf-8</c>.
    /// </summary>
    /// <param name="write">Writes the JSON value.</param>
    protected static HttpContent JsonContent(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return CreateJsonContent(write);
    }

    /// <summary>
    /// A classified <see cref="ProviderException"/> for a failure the connector itself detects between exchanges
    /// (a job that never finishes within its poll bound: pass a <see cref="TimeoutException"/>), built as for an
    /// upstream error: <see cref="ClassifyError"/> decides, and secrets are removed from every message.
    /// </summary>
    /// <param name="modelId">The model the call was for.</param>
    /// <param name="error">What failed; <see cref="ProviderError.Exception"/> carries the reason.</param>
    protected ProviderException CreateProviderException(string? modelId, ProviderError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return CreateException(modelId, error);
    }
}
