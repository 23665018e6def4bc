using System.Diagnostics;
using ModelMesh.Cdk;
using ModelMesh.Testing;

namespace ModelMesh.Core.Tests.Reliability;

/// <summary>A row of the matrix: the fault, how the table names it, the contract's outcome and the time it may take.</summary>
internal sealed record FaultRow(Fault Fault, string Description, Outcome Expected, TimeSpan MinElapsed, TimeSpan MaxElapsed)
{
    /// <summary>The contract's outcome for one format, where it differs from the row's.</summary>
    public Dictionary<ProviderFormat, Outcome> ExpectedFor { get; init; } = [];

    public Outcome ExpectedOutcome(ProviderFormat format) => ExpectedFor.GetValueOrDefault(format) ?? Expected;
}

/// <summary>
/// The fault × format matrix: each cell a two-provider mesh of one format (the faulty provider first, a healthy one
/// second) given one streamed request, whose first attempt meets the fault.
/// </summary>
internal static class FaultMatrix
{
    public static readonly TimeSpan FirstToken = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Total = TimeSpan.FromSeconds(5);
    public const int MaxAttempts = 2;
    public const int MaxStreamEventBytes = 64 * 1024;

    /// <summary>A cell must end within this, whatever happens; a hang fails the cell, not the run.</summary>
    public static readonly TimeSpan CellBound = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(3);

    public static IReadOnlyList<FaultRow> Rows { get; } =
    [
        new(Fault.RateLimitWithShortRetryAfter, "429 with `Retry-After: 1`", new(OutcomeKind.Retried, 2), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)),
        new(Fault.RateLimitWithLongRetryAfter, "429 with `Retry-After: 3600` (above `max_delay`)", new(OutcomeKind.FailedOver, 2), TimeSpan.Zero, Quick),
        new(Fault.Status500, "500", new(OutcomeKind.Retried, 2), TimeSpan.Zero, Quick),
        new(Fault.Status502, "502", new(OutcomeKind.Retried, 2), TimeSpan.Zero, Quick),
        new(Fault.Status503, "503", new(OutcomeKind.Retried, 2), TimeSpan.Zero, Quick),
        new(Fault.Status529, "529 (Anthropic's overloaded)", new(OutcomeKind.Retried, 2), TimeSpan.Zero, Quick),
        new(Fault.ResetBeforeHeaders, "connection reset before the headers", new(OutcomeKind.Retried, 2), TimeSpan.Zero, Quick),
        new(Fault.ResetMidStream, "connection reset after the first output", new(OutcomeKind.Interrupted, 1, nameof(ProviderException)), TimeSpan.Zero, Quick),
        new(Fault.HangBeforeHeaders, "hang before the headers", new(OutcomeKind.FailedOver, 2), FirstToken, TimeSpan.FromSeconds(4)),
        new(Fault.SlowFirstToken, "headers, then the first output after 3 s", new(OutcomeKind.FailedOver, 2), FirstToken, TimeSpan.FromSeconds(4)),
        new(Fault.StallBetweenChunks, "stall after the first output", new(OutcomeKind.Interrupted, 1, nameof(ProviderTimeoutException)), Idle, TimeSpan.FromSeconds(4)),
        new(Fault.KeepAliveForeverBeforeOutput, "keep-alives forever, no output", new(OutcomeKind.FailedOver, 2), FirstToken, TimeSpan.FromSeconds(4)),
        new(Fault.KeepAliveForeverAfterOutput, "keep-alives forever after the first output", new(OutcomeKind.Interrupted, 1, nameof(ProviderTimeoutException)), Idle, TimeSpan.FromSeconds(4)),
        new(Fault.MalformedJson, "malformed JSON event before output", new(OutcomeKind.Retried, 2), TimeSpan.Zero, Quick),
        new(Fault.TruncatedWithoutTerminator, "stream ends after output without its terminator", new(OutcomeKind.Interrupted, 1, nameof(ProviderException)), TimeSpan.Zero, Quick),
        new(Fault.InBandErrorEvent, "in-band error event (overloaded) before output", new(OutcomeKind.Retried, 2), TimeSpan.Zero, Quick),
        new(Fault.OversizedEvent, "one event of 100 kB (limit 64 KiB) before output", new(OutcomeKind.FailedOver, 2), TimeSpan.Zero, Quick),
    ];

    /// <summary>Runs one cell: what the caller saw, and how long it took.</summary>
    public static async Task<(Outcome Outcome, TimeSpan Elapsed)> RunAsync(FaultRow row, ProviderFormat format)
    {
        var wire = WireFormat.For(format);
        await using var faulty = await LoopbackUpstream.StartAsync();
        await using var healthy = await LoopbackUpstream.StartAsync();
        var firstOutputSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        faulty.Enqueue(FaultScripts.For(row.Fault, wire, firstOutputSeen.Task)).Otherwise(FaultScripts.Healthy(wire, "a"));
        healthy.Otherwise(FaultScripts.Healthy(wire, "b"));
        using var mesh = Mesh(wire, faulty, healthy);
        var outcome = new RoutingOutcome();
        var request = new ChatCompletionRequest { Model = "chat", Messages = [ChatMessage.User("Hello")] };
        var clock = Stopwatch.StartNew();
        try
        {
            var text = string.Empty;
            await foreach (var chunk in mesh.Chat.Completions.StreamAsync(request, outcome).WithCancellation(CancellationToken.None))
            {
                if (chunk.Choices.Count > 0 && chunk.Choices[0].Delta.Content is { Length: > 0 } content)
                {
                    text += content;
                    firstOutputSeen.TrySetResult();
                }
            }
            var kind = outcome.ModelId switch
            {
                "a.m" when outcome.Attempts > 1 => OutcomeKind.Retried,
                "b.m" => OutcomeKind.FailedOver,
                _ => throw new InvalidOperationException($"answered by {outcome} with '{text}' and no fault seen"),
            };
            var expectedText = "from " + outcome.ModelId![0];
            return text != expectedText ? throw new InvalidOperationException($"answered by {outcome} with '{text}', not '{expectedText}'")
                : kind == OutcomeKind.Retried && healthy.RequestCount > 0 ? throw new InvalidOperationException($"retried, yet the second model was called too ({outcome})")
                : (new Outcome(kind, outcome.Attempts), clock.Elapsed);
        }
        catch (StreamInterruptedException interrupted)
        {
            // The contract: the partial output is in the exception, and the stream was never restarted elsewhere.
            return interrupted.PartialText != "partial" ? throw new InvalidOperationException($"interrupted with partial text '{interrupted.PartialText}', not 'partial'")
                : healthy.RequestCount > 0 ? throw new InvalidOperationException("interrupted, yet the second model was called: its output would repeat the first's")
                : (new Outcome(OutcomeKind.Interrupted, outcome.Attempts, TypeName(interrupted.InnerException)), clock.Elapsed);
        }
        catch (ModelMeshException error)
        {
            return (new Outcome(OutcomeKind.TypedError, outcome.Attempts, TypeName(error)), clock.Elapsed);
        }
    }

    /// <summary>The most general public exception type the contract names: a plain provider failure is <see cref="ProviderException"/>.</summary>
    private static string? TypeName(Exception? error) => error?.GetType().Name;

    private static MeshClient Mesh(WireFormat wire, LoopbackUpstream faulty, LoopbackUpstream healthy)
    {
        var builder = new MeshBuilder();
        foreach (var (id, upstream) in new[] { ("a", faulty), ("b", healthy) })
        {
            builder.AddProvider(wire.Provider(new ProviderOptions(id, upstream.BaseUrl)
            {
                ApiKey = "sk-test-" + id + "-0123456789",
                RequestTimeout = TimeSpan.FromSeconds(10),
                StreamIdleTimeout = TimeSpan.FromSeconds(10),
                MaxStreamEventBytes = MaxStreamEventBytes,
            }));
            builder.AddModels(new ModelDefinition { Id = id + ".m", ProviderId = id, UpstreamModel = "m", Capabilities = ["chat-completion"], Pricing = new ModelPricing(0.001m, 0.002m) });
        }
        return builder.AddPool(new PoolDefinition
        {
            Id = "chat",
            Capability = "chat-completion",
            Strategy = RotationStrategies.PrioritySelection,
            Rotation = new RotationPolicyOptions { ModelPriority = ["a.m", "b.m"] },
            Retry = new RetryOptions { MaxAttempts = MaxAttempts, InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromSeconds(2), TotalTimeout = Total },
            Timeouts = new StreamTimeouts { FirstToken = FirstToken, Idle = Idle },
        }).Build();
    }
}
