using System.Net;
using System.Net.Sockets;
using System.Text;
using ModelMesh.Testing;

namespace ModelMesh.Gateway.Tests;

/// <summary>Graceful shutdown: streams in flight drain within DrainTimeout, new connections are refused.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task A_stream_in_flight_at_stop_still_completes_and_new_connections_are_refused()
    {
        await using var gateway = await GatewayFixture.StartAsync(options: new GatewayOptions { DrainTimeout = TimeSpan.FromSeconds(15) });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, Upstream.RoleEvent() + Upstream.Event("Hello"));
            await release.Task.WaitAsync(context.RequestAborted);
            await LoopbackUpstream.WriteAndFlushAsync(context, Upstream.Event(" world") + Upstream.EndEvents());
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Wire.Json(Wire.HiStream) };
        using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).Within();
        var stream = await response.Content.ReadAsStreamAsync();
        var seen = await StreamingTests.ReadUntilAsync(stream, "Hello");

        var stop = gateway.Server.StopAsync();
        await RefusedAsync(gateway.Address);
        Assert.False(stop.IsCompleted, "the gateway stopped while a stream was still open");
        release.SetResult();
        seen.Append(await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync().Within());
        await stop.Within();

        var events = Wire.Events(seen.ToString());
        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal("Hello world", string.Concat(events.SkipLast(1).Select(StreamingTests.Content)));
        await RefusedAsync(gateway.Address);
    }

    [Fact]
    public async Task A_stream_still_open_when_the_drain_time_is_up_is_cut_without_DONE()
    {
        await using var gateway = await GatewayFixture.StartAsync(options: new GatewayOptions { DrainTimeout = TimeSpan.FromSeconds(1) });
        var upstreamAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway["a"].Enqueue(async (context, _) =>
        {
            using var registration = context.RequestAborted.Register(() => upstreamAborted.TrySetResult());
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, Upstream.RoleEvent() + Upstream.Event("Hello"));
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Wire.Json(Wire.HiStream) };
        using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).Within();
        var stream = await response.Content.ReadAsStreamAsync();
        var seen = await StreamingTests.ReadUntilAsync(stream, "Hello");

        await gateway.Server.StopAsync().Within();
        try
        {
            seen.Append(await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync().Within());
        }
        catch (IOException)
        {
            // The connection was cut: what the client has is visibly incomplete.
        }
        catch (HttpRequestException)
        {
        }

        Assert.DoesNotContain("[DONE]", seen.ToString(), StringComparison.Ordinal);
        await upstreamAborted.Task.Within(10);
    }

    /// <summary>Waits (bounded) until a fresh connection to <paramref name="address"/> is refused.</summary>
    private static async Task RefusedAsync(Uri address)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), PooledConnectionLifetime = TimeSpan.Zero };
            using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
            try
            {
                using var answer = await client.GetAsync("/health", deadline.Token);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !deadline.IsCancellationRequested)
            {
                // Accepted but not answered, or reset: the listener is closing; ask again.
            }
            await Task.Delay(20, deadline.Token);
        }
    }
}
