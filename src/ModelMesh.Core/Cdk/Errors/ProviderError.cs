using System.Net.Http.Headers;
using System.Text;

namespace ModelMesh.Cdk;

/// <summary>
/// What a provider knows about a failure, handed to its <c>ClassifyError</c> hook: the HTTP status and headers
/// (when a response arrived), the error body, and the transport exception (when one was thrown).
/// </summary>
public sealed class ProviderError
{
    /// <summary>Creates the description of a failure.</summary>
    public ProviderError(int? statusCode, HttpResponseHeaders? headers, ReadOnlyMemory<byte> body, Exception? exception, bool inBand)
    {
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
        Exception = exception;
        InBand = inBand;
    }

    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>The response headers, when a response arrived.</summary>
    public HttpResponseHeaders? Headers { get; }

    /// <summary>The error body (JSON for most upstreams; possibly empty or truncated).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body as text (allocates).</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>The transport exception (timeout, connection failure), when one was thrown.</summary>
    public Exception? Exception { get; }

    /// <summary>Whether the error arrived inside a successful (200) response: an in-band or mid-stream error event.</summary>
    public bool InBand { get; }

    /// <summary>The value of a response header, or null.</summary>
    public string? Header(string name) =>
        Headers is not null && Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
