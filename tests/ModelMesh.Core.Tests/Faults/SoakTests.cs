using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using ModelMesh.Cdk;
using ModelMesh.Core.Tests.Providers;
using ModelMesh.Core.Tests.Routing;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Faults;

/// <summary>
/// The soak (correctness issue, scaled by issue 13): 20,000 requests, whole and streamed, 64 at a time, over three
/// upstreams that fail at random with a fixed seed (server errors, rate limits, cuts before and after output,
/// garbage). Every request ends in an answer or a typed error; no task exception goes unobserved; memory after a
/// forced GC is back near its warmed-up baseline; the error-rate rule takes the upstream that fails more often
/// than its threshold and never the two that fail less; nothing stays reserved or in flight.
/// </summary>
/// <remarks>Runs alone: the unobserved-exception count and the memory reading are process-wide.</remarks>
[Collection(AllocationMeasuringCollection.Name)]
public sealed class SoakTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Requests = 20_000;
    private const int WarmUpRequests = 2_000;
    private const int Concurrency = 64;
    private const double ErrorRateThreshold = 0.5;

    /// <summary>Fault percentages: a and b well below the error-rate threshold, c well above it.</summary>
    private static readonly Dictionary<string, int> FaultPercent = new() { ["a"] = 5, ["b"] = 5, ["c"] = 75 };

    /// <summary>What the heap may have grown by between the warmed-up baseline and the end, after forced GCs.</summary>
    private const long MemoryGrowthBound = 24 * 1024 * 1024;

    [Fact]
    public async Task Twenty_thousand_requests_at_64_concurrent_are_all_accounted_for_and_leave_nothing_behind()
    {
        await using var fx = await MeshFixture.StartAsync("a", "b", "c");
        var seed = 20261201;
        foreach (var id in FaultPercent.Keys)
        {
            var random = new Random(seed++);
            fx[id].RecordRequests = false; // 20,000 recorded requests would be the largest thing on the heap
            fx[id].Otherwise((context, request) => Respond(context, request, id, FaultPercent[id], random));
        }
        var deactivations = new DeactivationLog();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(deactivations).SetMinimumLevel(LogLevel.Warning));
        var builder = new MeshBuilder().UseLoggerFactory(loggers);
        foreach (var id in FaultPercent.Keys)
        {
            builder.AddProvider(new OpenAICompatibleProvider(new ProviderOptions(id, fx[id].BaseUrl) { ApiKey = "sk-test-" + id + "-0123456789", RequestTimeout = TimeSpan.FromSeconds(20) }));
        }
        using var mesh = builder.AddModels(MeshFixture.Model("a"), MeshFixture.Model("b"), MeshFixture.Model("c"))
            .AddPool(new PoolDefinition
            {
                Id = "chat",
                Capability = "chat-completion",
                Strategy = RotationStrategies.RoundRobin,
                // Only the error-rate rule deactivates for failures here: consecutive failures never reach the threshold.
                Rotation = new RotationPolicyOptions { Cooldown = TimeSpan.FromSeconds(2), FailureThreshold = 1_000_000, ErrorRateThreshold = ErrorRateThreshold },
                Retry = new RetryOptions { InitialDelay = TimeSpan.FromMilliseconds(2), MaxDelay = TimeSpan.FromMilliseconds(20), TotalTimeout = TimeSpan.FromSeconds(30) },
            })
            .UseBudget(new BudgetOptions { DailyLimit = 100_000m })
            .Build();

        var outcomes = new ConcurrentDictionary<string, int>();
        await RunAsync(mesh, WarmUpRequests, outcomes);
        outcomes.Clear();
        var baseline = SettledHeapBytes();
        var unobserved = 0;
        void CountUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += CountUnobserved;
        try
        {
            var clock = Stopwatch.StartNew();
            await RunAsync(mesh, Requests, outcomes);
            clock.Stop();
            var after = SettledHeapBytes();

            var summary = string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"));
            output.WriteLine($"{Requests} requests in {clock.Elapsed.TotalSeconds:F1} s; outcomes: {summary}; upstream requests: "
                + string.Join(", ", FaultPercent.Keys.Select(id => $"{id}={fx[id].RequestCount}"))
                + $"; heap {baseline / 1024} KiB -> {after / 1024} KiB; error-rate deactivations: {deactivations}");
            Assert.Equal(Requests, outcomes.Values.Sum());
            Assert.False(outcomes.ContainsKey("untyped"), summary);
            Assert.False(outcomes.ContainsKey(nameof(NoActiveModelException)), summary);
            Assert.True(outcomes.GetValueOrDefault("ok") >= Requests * 95 / 100, summary);
            Assert.Equal(0, Volatile.Read(ref unobserved));
            Assert.True(after - baseline < MemoryGrowthBound, $"the heap grew from {baseline} to {after} bytes over the run");
            Assert.Equal(0, deactivations.Count("a.m"));
            Assert.Equal(0, deactivations.Count("b.m"));
            Assert.True(deactivations.Count("c.m") > 0, "c fails three requests in four, yet the error-rate rule never took it");
            Assert.Equal(0m, mesh.Usage.Budget.Reserved);
            Assert.All(mesh.PoolStatus("chat").Models, m => Assert.Equal(0, m.InFlight));
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= CountUnobserved;
        }
    }

    private static async Task RunAsync(MeshClient mesh, int requests, ConcurrentDictionary<string, int> outcomes)
    {
        var next = -1;
        async Task WorkAsync()
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < requests)
            {
                outcomes.AddOrUpdate(await OneAsync(mesh, streamed: n % 2 == 0), 1, (_, count) => count + 1);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(WorkAsync))).WaitAsync(TimeSpan.FromMinutes(3));
    }

    /// <summary>The heap after full, compacting collections with finalizers run, so unobserved task exceptions surface too.</summary>
    private static long SettledHeapBytes()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<string> OneAsync(MeshClient mesh, bool streamed)
    {
        try
        {
            if (streamed)
            {
                await MeshFixture.CollectAsync(mesh.Chat.Completions.StreamAsync(MeshFixture.Ask()));
            }
            else
            {
                await mesh.Chat.Completions.CreateAsync(MeshFixture.Ask());
            }
            return "ok";
        }
        catch (ModelMeshException error)
        {
            return error.GetType().Name;
        }
        catch (Exception)
        {
            return "untyped";
        }
    }

    private static Task Respond(Microsoft.AspNetCore.Http.HttpContext context, RecordedRequest request, string id, int faultPercent, Random random)
    {
        int roll, fault;
        lock (random)
        {
            roll = random.Next(100);
            fault = random.Next(6);
        }
        var stream = request.Body!.Contains("\"stream\":true", StringComparison.Ordinal);
        if (roll >= faultPercent)
        {
            return stream
                ? LoopbackUpstream.WriteAsync(context, 200, "text/event-stream", Encoding.UTF8.GetBytes(MeshFixture.Stream("from", " " + id)))
                : Json(context, 200, MeshFixture.CompletionJson("from " + id));
        }
        return fault switch
        {
            0 => Json(context, 500, MeshFixture.ErrorJson("boom")),
            1 => Json(context, 429, MeshFixture.ErrorJson("slow down", "rate_limit_error")),
            2 => Json(context, 503, MeshFixture.ErrorJson("overloaded")),
            3 => LoopbackUpstream.WriteAsync(context, 200, stream ? "text/event-stream" : "application/json", Encoding.UTF8.GetBytes(stream ? "data: {not json\n\n" : "{not json")),
            4 => Cut(context, stream, afterOutput: false),
            _ => Cut(context, stream, afterOutput: true),
        };
    }

    private static Task Json(Microsoft.AspNetCore.Http.HttpContext context, int status, string json) =>
        LoopbackUpstream.WriteAsync(context, status, "application/json", Encoding.UTF8.GetBytes(json));

    private static async Task Cut(Microsoft.AspNetCore.Http.HttpContext context, bool stream, bool afterOutput)
    {
        context.Response.ContentType = stream ? "text/event-stream" : "application/json";
        await LoopbackUpstream.WriteAndFlushAsync(context, stream
            ? MeshFixture.Chunk(null, role: "assistant") + (afterOutput ? MeshFixture.Chunk("partial") : string.Empty)
            : "{\"id\":\"cmpl-1\",\"choices\":[");
        if (afterOutput)
        {
            // Ended without its terminator, not reset: a reset would discard output the client has not read yet.
            return;
        }
        context.Abort();
    }

    /// <summary>Counts the mesh's "on standby" log events (1100) for failures (reason ErrorThreshold), by model; keeps nothing else.</summary>
    private sealed class DeactivationLog : ILoggerProvider, ILogger
    {
        private readonly ConcurrentDictionary<string, int> _byModel = new(StringComparer.Ordinal);

        public int Count(string modelId) => _byModel.GetValueOrDefault(modelId);

        public override string ToString() => string.Join(", ", _byModel.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}"));

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != 1100 || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }
            var reason = values.FirstOrDefault(v => v.Key == "Reason").Value;
            if (reason is DeactivationReason.ErrorThreshold && values.FirstOrDefault(v => v.Key == "ModelId").Value is string model)
            {
                _byModel.AddOrUpdate(model, 1, (_, count) => count + 1);
            }
        }

        public void Dispose()
        {
        }
    }
}
