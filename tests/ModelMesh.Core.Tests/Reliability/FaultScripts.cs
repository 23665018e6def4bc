using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Reliability;

/// <summary>How a fake upstream of a given format does each <see cref="Fault"/>.</summary>
internal static class FaultScripts
{
    /// <summary>Text bigger than the matrix's <c>MaxStreamEventBytes</c>, in one event.</summary>
    public const int OversizedTextBytes = 100_000;

    /// <param name="fault">The fault.</param>
    /// <param name="wire">The format to write it in.</param>
    /// <param name="firstOutputSeen">Completes when the caller has the stream's first output: a reset after output
    /// waits for it, since a reset discards what the client has not read yet (then no output was ever seen).</param>
    public static Func<HttpContext, RecordedRequest, Task> For(Fault fault, WireFormat wire, Task firstOutputSeen) => fault switch
    {
        Fault.RateLimitWithShortRetryAfter => (context, _) => Error(context, wire, 429, retryAfterSeconds: 1),
        Fault.RateLimitWithLongRetryAfter => (context, _) => Error(context, wire, 429, retryAfterSeconds: 3600),
        Fault.Status500 => (context, _) => Error(context, wire, 500),
        Fault.Status502 => (context, _) => Error(context, wire, 502),
        Fault.Status503 => (context, _) => Error(context, wire, 503),
        Fault.Status529 => (context, _) => Error(context, wire, 529),
        Fault.ResetBeforeHeaders => (context, _) => LoopbackUpstream.AbortBeforeHeadersAsync(context),
        Fault.ResetMidStream => async (context, _) =>
        {
            await Start(context, wire, wire.Preamble + wire.Text("partial"));
            await firstOutputSeen.WaitAsync(context.RequestAborted);
            context.Abort();
        },
        Fault.HangBeforeHeaders => (context, _) => LoopbackUpstream.HangAsync(context),
        Fault.SlowFirstToken => async (context, _) =>
        {
            await Start(context, wire, wire.Preamble);
            await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted);
            await LoopbackUpstream.WriteAndFlushAsync(context, wire.Text("late") + wire.Ending);
        },
        Fault.StallBetweenChunks => async (context, _) =>
        {
            await Start(context, wire, wire.Preamble + wire.Text("partial"));
            await LoopbackUpstream.HangAsync(context);
        },
        Fault.KeepAliveForeverBeforeOutput => async (context, _) =>
        {
            await Start(context, wire, wire.Preamble);
            await LoopbackUpstream.RepeatUntilAbortedAsync(context, wire.KeepAlive, TimeSpan.FromMilliseconds(100));
        },
        Fault.KeepAliveForeverAfterOutput => async (context, _) =>
        {
            await Start(context, wire, wire.Preamble + wire.Text("partial"));
            await LoopbackUpstream.RepeatUntilAbortedAsync(context, wire.KeepAlive, TimeSpan.FromMilliseconds(100));
        },
        Fault.MalformedJson => (context, _) => Start(context, wire, wire.Preamble + wire.Malformed + wire.Text("after") + wire.Ending),
        Fault.TruncatedWithoutTerminator => (context, _) => Start(context, wire, wire.Preamble + wire.Text("partial")),
        Fault.InBandErrorEvent => (context, _) => Start(context, wire, wire.Preamble + wire.InBandError),
        Fault.OversizedEvent => (context, _) => Start(context, wire, wire.Preamble + wire.Text(new string('x', OversizedTextBytes)) + wire.Ending),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    /// <summary>A complete, healthy stream naming the upstream.</summary>
    public static Func<HttpContext, RecordedRequest, Task> Healthy(WireFormat wire, string id) =>
        (context, _) => LoopbackUpstream.WriteAsync(context, 200, wire.ContentType, Encoding.UTF8.GetBytes(wire.Stream("from ", id)));

    private static Task Error(HttpContext context, WireFormat wire, int status, int? retryAfterSeconds = null) =>
        LoopbackUpstream.WriteAsync(context, status, "application/json", Encoding.UTF8.GetBytes(wire.ErrorBody(status)),
            retryAfterSeconds is int seconds ? new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) } : null);

    private static async Task Start(HttpContext context, WireFormat wire, string text)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = wire.ContentType;
        await LoopbackUpstream.WriteAndFlushAsync(context, text);
    }
}
