using System.Net;
using System.Text;
using System.Text.Json;
using ModelMesh.Testing;

namespace ModelMesh.Gateway.Tests;

/// <summary>Streams over HTTP: when headers go out, what a failure before and after the first chunk looks like, cancellation, usage.</summary>
public sealed class StreamingTests
{
    private static HttpRequestMessage StreamRequest(string json = Wire.HiStream) =>
        new(HttpMethod.Post, "/v1/chat/completions") { Content = Wire.Json(json) };

    private static Task Fail(Microsoft.AspNetCore.Http.HttpContext context, int status) =>
        LoopbackUpstream.WriteAsync(context, status, "application/json", Encoding.UTF8.GetBytes(Upstream.Error(status, "upstream broke")));

    [Fact]
    public async Task Headers_go_out_only_when_the_first_chunk_is_ready()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var upstreamWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        gateway["a"].Enqueue(async (context, _) =>
        {
            // The upstream answers 200 at once but holds its first chunk until the test releases it.
            context.Response.ContentType = "text/event-stream";
            await context.Response.StartAsync(context.RequestAborted);
            upstreamWaiting.SetResult();
            await release.Task.WaitAsync(context.RequestAborted);
            order.Enqueue("first chunk");
            await LoopbackUpstream.WriteAndFlushAsync(context, Upstream.RoleEvent() + Upstream.Event("Hello") + Upstream.EndEvents());
        });
        using var request = StreamRequest();

        var send = gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ContinueWith(
            t =>
            {
                order.Enqueue("headers");
                return t.Result;
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await upstreamWaiting.Task.Within();
        // Were the gateway to send its headers before the first chunk, they would arrive now: give them the chance.
        var winner = await Task.WhenAny(send, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.NotSame(send, winner);
        release.SetResult();
        using var response = await send.Within();
        var body = await response.Content.ReadAsStringAsync().Within();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["first chunk", "headers"], order.ToArray());
        Assert.Contains("\"content\":\"Hello\"", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_whose_every_candidate_fails_before_its_first_chunk_is_an_HTTP_error()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].Enqueue((context, _) => Fail(context, 500));
        gateway["b"].Enqueue(async (context, _) =>
        {
            // b starts a 200 event stream, then drops the connection before any event.
            context.Response.ContentType = "text/event-stream";
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
        });
        using var request = StreamRequest();

        using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).Within();
        var error = await Wire.ErrorAsync(response, HttpStatusCode.BadGateway);

        Assert.Equal("upstream_failed", error.Code());
        Assert.Equal(2, error.GetProperty("attempts").GetArrayLength());
        Assert.Equal("2", response.Headers.GetValues("x-modelmesh-attempts").Single());
        Assert.False(response.Headers.Contains("x-modelmesh-model"));
    }

    [Fact]
    public async Task Failover_before_the_first_chunk_is_invisible_to_the_client()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].Enqueue((context, _) => Fail(context, 500));
        gateway["b"].EnqueueSse(Upstream.Stream("from", " b"));
        using var request = StreamRequest();

        using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).Within();
        var body = await response.Content.ReadAsStringAsync().Within();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("b.m", response.Headers.GetValues("x-modelmesh-model").Single());
        Assert.Equal("b", response.Headers.GetValues("x-modelmesh-provider").Single());
        Assert.Equal("2", response.Headers.GetValues("x-modelmesh-attempts").Single());
        var events = Wire.Events(body);
        Assert.Equal("[DONE]", events[^1]);
        Assert.DoesNotContain(events, e => e.Contains("\"error\"", StringComparison.Ordinal));
        Assert.Equal("from b", string.Concat(events.SkipLast(1).Select(Content)));
    }

    [Fact]
    public async Task An_interruption_after_content_ends_the_stream_with_an_error_event_and_no_DONE()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var relayed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway["a"].Enqueue(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, Upstream.RoleEvent() + Upstream.Event("Hello") + Upstream.Event(" wor"));
            // Cut only once the content reached the client: an abort resets the socket and can take unread bytes with it.
            await relayed.Task.WaitAsync(context.RequestAborted);
            context.Abort();
        });
        using var request = StreamRequest();

        using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).Within();
        var stream = await response.Content.ReadAsStreamAsync();
        var seen = await ReadUntilAsync(stream, "\"content\":\" wor\"");
        relayed.SetResult();
        var body = seen + await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync().Within();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = Wire.Events(body);
        Assert.DoesNotContain("[DONE]", events);
        Assert.Equal("Hello wor", string.Concat(events.SkipLast(1).Select(Content)));
        using var last = JsonDocument.Parse(events[^1]);
        var error = last.RootElement.GetProperty("error");
        Assert.Equal("stream_interrupted", error.GetProperty("code").GetString());
        Assert.Equal("upstream_error", error.GetProperty("type").GetString());
        Assert.DoesNotContain("sk-secret", body, StringComparison.Ordinal);
        Assert.Empty(gateway["b"].Requests); // after content there is no failover
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_cancels_the_upstream_at_once_and_charges_no_model()
    {
        await using var gateway = await GatewayFixture.StartAsync();
        var upstreamAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway["a"].Enqueue(async (context, _) =>
        {
            using var registration = context.RequestAborted.Register(() => upstreamAborted.TrySetResult());
            context.Response.ContentType = "text/event-stream";
            await LoopbackUpstream.WriteAndFlushAsync(context, Upstream.RoleEvent() + Upstream.Event("Hello"));
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var request = StreamRequest();
        var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).Within();
        var stream = await response.Content.ReadAsStreamAsync();
        await ReadUntilAsync(stream, "Hello");

        // The client goes away: the connection closes under the stream.
        response.Dispose();
        request.Dispose();
        // Well inside the upstream's 20 s idle timeout: the cancellation travelled, no timer fired.
        await upstreamAborted.Task.Within(10);

        var metrics = await MetricsWhenAsync(gateway, "modelmesh_requests_total{route=\"chat_completions\",status=\"499\"} 1");
        var model = gateway.Mesh.PoolStatus("chat").Models.Single(m => m.ModelId == "a.m");
        Assert.Equal(0, model.Failures);
        Assert.Equal(ModelStatus.Active, model.Status);
        Assert.Null(model.CooldownUntil);
        Assert.All(metrics.Split('\n').Where(l => l.StartsWith("modelmesh_errors_total{", StringComparison.Ordinal)), l => Assert.EndsWith(" 0", l, StringComparison.Ordinal));
        Assert.Empty(gateway["b"].Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_usage_chunk_is_relayed_only_when_the_client_asks_for_it(bool includeUsage)
    {
        await using var gateway = await GatewayFixture.StartAsync();
        gateway["a"].EnqueueSse(Upstream.Stream("Hello"));
        var json = includeUsage
            ? """{"model":"chat","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}"""
            : Wire.HiStream;
        using var request = StreamRequest(json);

        using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).Within();
        var events = Wire.Events(await response.Content.ReadAsStringAsync().Within());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[DONE]", events[^1]);
        var withUsage = events.SkipLast(1).Select(e => JsonDocument.Parse(e).RootElement)
            .Where(e => e.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object).ToArray();
        if (includeUsage)
        {
            var usage = Assert.Single(withUsage).GetProperty("usage");
            Assert.Equal(5, usage.GetProperty("prompt_tokens").GetInt32());
            Assert.Equal(2, usage.GetProperty("completion_tokens").GetInt32());
            Assert.Equal(7, usage.GetProperty("total_tokens").GetInt32());
        }
        else
        {
            Assert.Empty(withUsage);
        }
        Assert.Equal("Hello", string.Concat(events.SkipLast(1).Select(Content)));
    }

    /// <summary>Reads <paramref name="stream"/> until what was read holds <paramref name="text"/>; what was read.</summary>
    internal static async Task<StringBuilder> ReadUntilAsync(Stream stream, string text)
    {
        var seen = new StringBuilder();
        var buffer = new byte[1024];
        while (!seen.ToString().Contains(text, StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer).AsTask().Within();
            Assert.True(read > 0, "the stream ended before '" + text + "'");
            seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        return seen;
    }

    /// <summary>The content of a chunk's first choice, empty when it has none.</summary>
    internal static string Content(string chunk)
    {
        using var json = JsonDocument.Parse(chunk);
        var choices = json.RootElement.GetProperty("choices");
        return choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Empty;
    }

    /// <summary>Scrapes /metrics until it holds <paramref name="line"/> (the gateway counts a request when its handler ends).</summary>
    internal static async Task<string> MetricsWhenAsync(GatewayFixture gateway, string line)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var text = await gateway.Http.GetStringAsync("/metrics", deadline.Token);
            if (text.Split('\n').Contains(line))
            {
                return text;
            }
            await Task.Delay(20, deadline.Token);
        }
    }
}
