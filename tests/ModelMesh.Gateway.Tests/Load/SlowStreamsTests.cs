using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using ModelMesh.Cdk;
using Xunit.Abstractions;

namespace ModelMesh.Gateway.Tests.Load;

/// <summary>
/// Issue 10 §5: 1,024 streams held open at once through the gateway from a slow upstream (ten chunks 50–100 ms
/// apart). Every stream completes with <c>[DONE]</c>, and the gateway stays responsive meanwhile: a <c>/health</c>
/// request made while every stream is open is answered, and the thread pool's queue does not keep growing (no
/// starvation: nothing in the stream path blocks a thread). The thread pool's minimum is left as it is.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class SlowStreamsTests(ITestOutputHelper output)
{
    private const int Streams = 1024;
    private const int Chunks = 10;

    [Fact]
    public Task A_thousand_slow_streams_held_open_at_once_all_complete_and_health_is_answered_meanwhile() => Task.Run(RunAsync);

    private async Task RunAsync()
    {
        // The upstream holds every stream at its first chunk until all of them have arrived (or 30 s have passed),
        // so the streams are really open together; then each sends its chunks 50-100 ms apart.
        var opened = 0;
        var allOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seed = 0;
        async Task SlowStreamAsync(HttpContext context)
        {
            var random = new Random(Interlocked.Increment(ref seed));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/event-stream";
            var body = context.Response.Body;
            await body.WriteAsync(LoadBodies.RoleEvent, context.RequestAborted);
            await body.FlushAsync(context.RequestAborted);
            if (Interlocked.Increment(ref opened) == Streams)
            {
                allOpen.TrySetResult();
            }
            await allOpen.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
            for (var i = 0; i < Chunks; i++)
            {
                await Task.Delay(random.Next(50, 101), context.RequestAborted);
                await body.WriteAsync(LoadBodies.ContentEvent(i), context.RequestAborted);
                await body.FlushAsync(context.RequestAborted);
            }
            await body.WriteAsync(LoadBodies.FinishEvent, context.RequestAborted);
            await body.WriteAsync(LoadBodies.UsageEvent, context.RequestAborted);
            await body.WriteAsync(LoadBodies.DoneEvent, context.RequestAborted);
        }

        await using var gateway = await LoadGateway.StartAsync(
            ["slow"],
            (_, context, _) => SlowStreamAsync(context),
            new RetryOptions { MaxAttempts = 1, TotalTimeout = TimeSpan.FromSeconds(60) },
            new RotationPolicyOptions(),
            new StreamTimeouts { Idle = TimeSpan.FromSeconds(40) },
            providerTimeout: TimeSpan.FromSeconds(40));

        // Queue length sampled through the run: it may rise while a burst of chunks is relayed, not keep rising.
        var samples = new List<long>();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                lock (samples)
                {
                    samples.Add(ThreadPool.PendingWorkItemCount);
                }
                await Task.Delay(20, CancellationToken.None);
            }
        });

        var clock = Stopwatch.StartNew();
        var streams = Enumerable.Range(0, Streams)
            .Select(n => Task.Run(() => Answer.OfAsync(gateway.Http, LoadBodies.Request(stream: true, n), TimeSpan.FromSeconds(60))))
            .ToArray();
        await allOpen.Task.WaitAsync(TimeSpan.FromSeconds(45));
        var openedAfter = clock.Elapsed;

        // While all 1,024 are open (their chunks take at least 500 ms more): the gateway still answers at once.
        var health = Stopwatch.StartNew();
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        using (var answer = await gateway.Http.GetAsync(new Uri("/health", UriKind.Relative), bound.Token))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        }
        var healthTook = health.Elapsed;
        var stillOpen = streams.Count(s => !s.IsCompleted);

        var answers = await Task.WhenAll(streams).WaitAsync(TimeSpan.FromSeconds(75));
        var allDone = clock.Elapsed;
        var inFlight = await gateway.InFlightSettledAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        await stop.CancelAsync();
        await sampler;

        long[] queue;
        lock (samples)
        {
            queue = samples.ToArray();
        }
        var tail = queue.TakeLast(5).ToArray();
        var summary = string.Join(", ", answers.GroupBy(a => a.Key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));
        output.WriteLine($"{Streams} streams open after {openedAfter.TotalSeconds:F1} s, all done after {allDone.TotalSeconds:F1} s: {summary}");
        output.WriteLine($"/health answered in {healthTook.TotalMilliseconds:F0} ms with {stillOpen} streams open");
        output.WriteLine($"thread pool: {ThreadPool.ThreadCount} threads (min {MinWorkers()}), pending work items max {queue.Max()}, mean {queue.Average():F1}, last {string.Join("/", tail)} over {queue.Length} samples");
        output.WriteLine($"in flight at the end: {inFlight}");

        Assert.All(answers, a => Assert.True(a.Kind == AnswerKind.Stream, $"{a.Kind} {a.Status}: {a.Detail}"));
        Assert.Equal(Streams, gateway.Upstreams[0].Requests.Count);
        Assert.True(stillOpen > Streams / 2, $"only {stillOpen} streams were open when /health was asked");
        // A liveness bound, not a speed target: a starved pool would leave /health queued behind the streams.
        Assert.True(healthTook < TimeSpan.FromSeconds(5), $"/health took {healthTook.TotalMilliseconds:F0} ms");
        Assert.True(queue.Max() < 4 * Streams, $"the thread pool's queue reached {queue.Max()} items");
        Assert.All(tail, pending => Assert.True(pending < 64, $"the thread pool's queue is still {pending} items after the streams"));
        Assert.Equal(0, inFlight);
    }

    private static int MinWorkers()
    {
        ThreadPool.GetMinThreads(out var workers, out _);
        return workers;
    }
}
