using Microsoft.AspNetCore.Http;
using ModelMesh.Testing;

namespace ModelMesh.Gateway.Tests.Load;

/// <summary>The faults an upstream injects, one per request it fails.</summary>
internal enum Fault
{
    None,
    ServerError,
    RateLimited,
    Overloaded,
    /// <summary>The connection is reset before any response.</summary>
    Reset,
    /// <summary>Headers and part of the body (a role chunk, or half the JSON), then the connection is aborted.</summary>
    CutBeforeContent,
    /// <summary>A stream cut after two content chunks (not streamed: half the JSON), then the connection is aborted.</summary>
    CutAfterContent,
    /// <summary>No response at all until the caller gives up.</summary>
    HangBeforeHeaders,
    /// <summary>Part of the answer, then silence until the caller gives up.</summary>
    HangAfterOutput,
}

/// <summary>
/// An upstream that fails one request in five (by a seeded roll, per provider): 500, 429, 503, connection reset,
/// a cut before or after content, a hang before headers or after output. The rest get a whole answer, streamed
/// when the request asked for a stream. Counts what it injected.
/// </summary>
internal sealed class FaultyUpstream
{
    private readonly Random _random;
    private readonly long[] _injected = new long[Enum.GetValues<Fault>().Length];

    public FaultyUpstream(int seed) => _random = new Random(seed);

    public long Injected(Fault fault) => Interlocked.Read(ref _injected[(int)fault]);

    public static Fault FaultOf(int roll) => roll switch
    {
        < 4 => Fault.ServerError,
        < 8 => Fault.RateLimited,
        < 10 => Fault.Overloaded,
        < 12 => Fault.Reset,
        < 15 => Fault.CutBeforeContent,
        < 18 => Fault.CutAfterContent,
        < 19 => Fault.HangBeforeHeaders,
        < 20 => Fault.HangAfterOutput,
        _ => Fault.None,
    };

    public Task RespondAsync(HttpContext context, RecordedRequest request)
    {
        int roll;
        lock (_random)
        {
            roll = _random.Next(100);
        }
        var fault = FaultOf(roll);
        Interlocked.Increment(ref _injected[(int)fault]);
        var stream = request.Body?.Contains("\"stream\":true", StringComparison.Ordinal) == true;
        return fault switch
        {
            Fault.ServerError => Json(context, 500, LoadBodies.Error("boom", "server_error")),
            Fault.RateLimited => Json(context, 429, LoadBodies.Error("slow down", "rate_limit_error")),
            Fault.Overloaded => Json(context, 503, LoadBodies.Error("overloaded", "server_error")),
            Fault.Reset => ResetAsync(context),
            Fault.CutBeforeContent => PartAsync(context, stream, afterContent: false, hang: false),
            Fault.CutAfterContent => PartAsync(context, stream, afterContent: true, hang: false),
            Fault.HangBeforeHeaders => Task.Delay(Timeout.Infinite, context.RequestAborted),
            Fault.HangAfterOutput => PartAsync(context, stream, afterContent: true, hang: true),
            _ => stream
                ? LoopbackUpstream.WriteAsync(context, 200, "text/event-stream", LoadBodies.Stream(5))
                : LoopbackUpstream.WriteAsync(context, 200, "application/json", LoadBodies.Completion),
        };
    }

    private static Task Json(HttpContext context, int status, byte[] body) => LoopbackUpstream.WriteAsync(context, status, "application/json", body);

    private static Task ResetAsync(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }

    private static async Task PartAsync(HttpContext context, bool stream, bool afterContent, bool hang)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = stream ? "text/event-stream" : "application/json";
        var body = context.Response.Body;
        if (stream)
        {
            await body.WriteAsync(LoadBodies.RoleEvent, context.RequestAborted);
            if (afterContent)
            {
                await body.WriteAsync(LoadBodies.ContentEvent(0), context.RequestAborted);
                await body.WriteAsync(LoadBodies.ContentEvent(1), context.RequestAborted);
            }
        }
        else
        {
            await body.WriteAsync(LoadBodies.HalfCompletion, context.RequestAborted);
        }
        await body.FlushAsync(context.RequestAborted);
        if (hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        context.Abort();
    }
}
