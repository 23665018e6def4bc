using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelMesh.Testing;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 with an ephemeral port, answering each request with the next
/// scripted response and recording what it received. Fake upstreams in ModelMesh's tests are these, so the
/// whole HTTP stack (sockets, chunked transfer, timeouts, cancellation) runs for real.
/// </summary>
public sealed class LoopbackUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, RecordedRequest, Task>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private Func<HttpContext, RecordedRequest, Task>? _otherwise;
    private int _requestCount;

    private LoopbackUpstream(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's address, <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>How many requests have been received, whether or not <see cref="RecordRequests"/> kept them.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>
    /// Whether each request is kept in <see cref="Requests"/> (default true). A soak turns it off so the server's
    /// memory stays flat however many requests it answers; scripted handlers still get every request.
    /// </summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>How many scripted responses have not been used yet.</summary>
    public int Pending => _script.Count;

    /// <summary>Starts a server.</summary>
    public static Task<LoopbackUpstream> StartAsync(CancellationToken cancellationToken = default) =>
        // Started from the thread pool so the server never captures a test framework's synchronization
        // context: under xunit's limited-concurrency context, server continuations would queue behind tests.
        Task.Run(() => StartCoreAsync(cancellationToken), cancellationToken);

    private static async Task<LoopbackUpstream> StartCoreAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LoopbackUpstream? self = null;
        app.Run(context => self!.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new LoopbackUpstream(app, new Uri(address));
        return self;
    }

    /// <summary>Scripts the next response with a handler that writes it (status, headers, body, pauses, aborts).</summary>
    public LoopbackUpstream Enqueue(Func<HttpContext, RecordedRequest, Task> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        _script.Enqueue(respond);
        return this;
    }

    /// <summary>Answers every request the script does not cover with <paramref name="respond"/> (instead of status 599).</summary>
    public LoopbackUpstream Otherwise(Func<HttpContext, RecordedRequest, Task> respond)
    {
        _otherwise = respond ?? throw new ArgumentNullException(nameof(respond));
        return this;
    }

    /// <summary>Scripts a JSON response.</summary>
    public LoopbackUpstream EnqueueJson(string json, int status = 200, IReadOnlyDictionary<string, string>? headers = null) =>
        Enqueue((context, _) => WriteAsync(context, status, "application/json", Encoding.UTF8.GetBytes(json), headers));

    /// <summary>Scripts a server-sent-events response whose body is exactly <paramref name="body"/>.</summary>
    public LoopbackUpstream EnqueueSse(string body, IReadOnlyDictionary<string, string>? headers = null) =>
        EnqueueBytes(Encoding.UTF8.GetBytes(body), "text/event-stream", 200, headers);

    /// <summary>Scripts a response with exact body bytes.</summary>
    public LoopbackUpstream EnqueueBytes(byte[] body, string contentType, int status = 200, IReadOnlyDictionary<string, string>? headers = null) =>
        Enqueue((context, _) => WriteAsync(context, status, contentType, body, headers));

    /// <summary>Writes a complete response.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string contentType, byte[] body, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes part of a streamed body and flushes it to the socket at once.</summary>
    public static async Task WriteAndFlushAsync(HttpContext context, string text)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops the connection before any status line or header is sent (<see cref="HttpContext.Abort"/>): the client
    /// sees the connection reset while it waits for the response.
    /// </summary>
    public static Task AbortBeforeHeadersAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Abort();
        return Task.CompletedTask;
    }

    /// <summary>Waits, sending nothing more, until the client goes away (a hung upstream, before or after its headers).</summary>
    public static Task HangAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.Delay(Timeout.Infinite, context.RequestAborted);
    }

    /// <summary>
    /// Writes and flushes <paramref name="text"/> every <paramref name="interval"/> until the client goes away (an
    /// upstream that sends keep-alive comments, pings or blank lines forever and never its content).
    /// </summary>
    public static async Task RepeatUntilAbortedAsync(HttpContext context, string text, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(context);
        while (!context.RequestAborted.IsCancellationRequested)
        {
            await WriteAndFlushAsync(context, text).ConfigureAwait(false);
            await Task.Delay(interval, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        string? body = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            // Buffered and rewound so a scripted handler can read the body again (Request.ReadFormAsync for uploads).
            context.Request.EnableBuffering();
            using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
            {
                body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            }
            context.Request.Body.Position = 0;
        }
        var request = new RecordedRequest(
            context.Request.Method,
            new Uri(BaseUrl, context.Request.Path + context.Request.QueryString),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        Interlocked.Increment(ref _requestCount);
        if (RecordRequests)
        {
            _requests.Enqueue(request);
        }
        if (!_script.TryDequeue(out var respond) && (respond = _otherwise) is null)
        {
            await WriteAsync(context, 599, "text/plain", Encoding.UTF8.GetBytes($"LoopbackUpstream: no scripted response for {request.Method} {request.Uri.PathAndQuery}")).ConfigureAwait(false);
            return;
        }
        try
        {
            await respond(context, request).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a timeout or cancellation under test); nothing more to write.
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
