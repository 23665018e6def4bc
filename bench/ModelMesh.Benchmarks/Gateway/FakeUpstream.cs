using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelMesh.Benchmarks.Gateway;

/// <summary>
/// The fake provider: Kestrel on 127.0.0.1 (a free port) answering every POST with a canned OpenAI chat
/// completion, or, when the body asks for a stream, a canned SSE stream of <see cref="StreamChunks"/> content
/// chunks written in one go. It does as little as an HTTP server can, so what a benchmark adds on top is the
/// client's or the gateway's.
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    private static readonly byte[] StreamMarker = "\"stream\":true"u8.ToArray();

    private readonly WebApplication _app;

    private FakeUpstream(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri Address { get; }

    public static async Task<FakeUpstream> StartAsync(int streamChunks)
    {
        var completion = CannedUpstream.CompletionBody;
        var stream = Stream(streamChunks);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(async context =>
        {
            // The body is read (a real upstream parses it); whether it asks for a stream decides the answer.
            var streamed = await AsksForStreamAsync(context.Request).ConfigureAwait(false);
            context.Response.StatusCode = 200;
            context.Response.ContentType = streamed ? "text/event-stream; charset=utf-8" : "application/json";
            var body = streamed ? stream : completion;
            context.Response.ContentLength = streamed ? null : body.Length;
            await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeUpstream(app, new Uri(address + "/"));
    }

    /// <summary>The canned stream: role, <paramref name="chunks"/> one-token content chunks, finish, usage, <c>[DONE]</c>.</summary>
    public static byte[] Stream(int chunks)
    {
        const string Head = "data: {\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_06737a9306\",\"choices\":";
        var text = new StringBuilder();
        text.Append(Head).Append("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        for (var i = 0; i < chunks; i++)
        {
            text.Append(Head).Append("[{\"index\":0,\"delta\":{\"content\":\"tok\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        text.Append(Head).Append("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
        text.Append(Head).Append(CultureInfo.InvariantCulture, $"[],\"usage\":{{\"prompt_tokens\":19,\"completion_tokens\":{chunks},\"total_tokens\":{19 + chunks}}}}}\n\n");
        text.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<bool> AsksForStreamAsync(HttpRequest request)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = read.Buffer;
            if (read.IsCompleted)
            {
                // Requests are small: the whole body is in the buffer by now.
                var found = Contains(buffer.IsSingleSegment ? buffer.FirstSpan : buffer.ToArray(), StreamMarker);
                reader.AdvanceTo(buffer.End);
                return found;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool Contains(ReadOnlySpan<byte> body, ReadOnlySpan<byte> marker) => body.IndexOf(marker) >= 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
