using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ModelMesh.Testing;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that answers from a queue of canned responses (JSON, SSE, any status
/// and headers) and records every request it receives. For unit tests of a connector's hooks without a socket;
/// use <see cref="LoopbackUpstream"/> to exercise the real HTTP stack.
/// </summary>
public sealed class MockHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _responses = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Queues a JSON response.</summary>
    public MockHttpHandler RespondJson(string json, HttpStatusCode status = HttpStatusCode.OK, IReadOnlyDictionary<string, string>? headers = null) =>
        Respond(status, Encoding.UTF8.GetBytes(json), "application/json", headers);

    /// <summary>Queues a server-sent-events response with <paramref name="body"/> as the exact bytes of the stream.</summary>
    public MockHttpHandler RespondSse(string body, IReadOnlyDictionary<string, string>? headers = null) =>
        Respond(HttpStatusCode.OK, Encoding.UTF8.GetBytes(body), "text/event-stream", headers);

    /// <summary>Queues a response with the given status, body, content type and headers.</summary>
    public MockHttpHandler Respond(HttpStatusCode status, byte[] body, string contentType, IReadOnlyDictionary<string, string>? headers = null)
    {
        _responses.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                if (!response.Headers.TryAddWithoutValidation(name, value))
                {
                    response.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
            return response;
        });
        return this;
    }

    /// <summary>Queues a response computed from the request.</summary>
    public MockHttpHandler Respond(Func<HttpRequestMessage, HttpResponseMessage> responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        _responses.Enqueue(responder);
        return this;
    }

    /// <summary>Queues a transport failure (the request throws <see cref="HttpRequestException"/>).</summary>
    public MockHttpHandler Fail(string message = "Connection refused") =>
        Respond(_ => throw new HttpRequestException(message));

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        _requests.Enqueue(new RecordedRequest(
            request.Method.Method,
            request.RequestUri!,
            request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase),
            body));
        if (!_responses.TryDequeue(out var responder))
        {
            throw new InvalidOperationException($"MockHttpHandler has no response queued for {request.Method} {request.RequestUri}.");
        }
        var response = responder(request);
        response.RequestMessage = request;
        return response;
    }
}

/// <summary>A request as an upstream received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The full request URI.</param>
/// <param name="Headers">Request and content headers (names case-insensitive; repeated values joined with ", ").</param>
/// <param name="Body">The body as text, or null when there was none.</param>
public sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
