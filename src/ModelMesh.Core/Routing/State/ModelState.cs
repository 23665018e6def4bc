namespace ModelMesh;

/// <summary>
/// A point-in-time snapshot of one model's health and usage, as rotation policies and <c>PoolStatus</c> see it.
/// </summary>
public sealed record ModelState
{
    /// <summary>The model id.</summary>
    public required string ModelId { get; init; }

    /// <summary>The provider that serves the model.</summary>
    public required string ProviderId { get; init; }

    /// <summary>Whether the model takes requests.</summary>
    public ModelStatus Status { get; init; }

    /// <summary>Failures since the last success.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>Share of failed requests among the most recent completed ones (the pool's error-rate window).</summary>
    public double ErrorRate { get; init; }

    /// <summary>
    /// How many completed requests (successes and failures the model is to blame for) of the current activation
    /// <see cref="ErrorRate"/> is computed over; requests still in flight and earlier activations do not count.
    /// </summary>
    public int ErrorRateSamples { get; init; }

    /// <summary>Requests sent to the model since the mesh started (successes and failures).</summary>
    public long Requests { get; init; }

    /// <summary>Failed requests since the mesh started.</summary>
    public long Failures { get; init; }

    /// <summary>Requests in flight right now.</summary>
    public int InFlight { get; init; }

    /// <summary>Requests sent in the current UTC day.</summary>
    public long RequestsToday { get; init; }

    /// <summary>Tokens (prompt plus completion) used in the current UTC day.</summary>
    public long TokensToday { get; init; }

    /// <summary>Dollars spent on the model in the current UTC day.</summary>
    public decimal CostToday { get; init; }

    /// <summary>Tokens used since the mesh started.</summary>
    public long TotalTokens { get; init; }

    /// <summary>Dollars spent on the model since the mesh started.</summary>
    public decimal TotalCost { get; init; }

    /// <summary>Exponentially weighted moving average of successful request latency, in milliseconds; null before the first.</summary>
    public double? LatencyEwmaMs { get; init; }

    /// <summary>Mean latency over the policy's latency window, in milliseconds; null before the first success.</summary>
    public double? LatencyAverageMs { get; init; }

    /// <summary>95th percentile latency over the recent window, in milliseconds; null before the first success.</summary>
    public double? LatencyP95Ms { get; init; }

    /// <summary>Until when a deactivated model cools down; null when active or when only a manual action recovers it.</summary>
    public DateTimeOffset? CooldownUntil { get; init; }

    /// <summary>Why the model is on standby; null when active.</summary>
    public DeactivationReason? DeactivationReason { get; init; }

    /// <summary>When the model last failed.</summary>
    public DateTimeOffset? LastFailureAt { get; init; }

    /// <summary>When the model last succeeded.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>
    /// How long the model has been active (time on standby left out) since its last success; null when it never
    /// succeeded. A pool keeps its last active model while this is under a cooldown: a model that was resting had no
    /// chance to succeed, so coming back it is judged on the time it has been serving.
    /// <para>
    /// As of when this state was taken: <c>Explain</c> and pool status take it now, but the states a rotation policy
    /// sees during routing are shared until the model next changes (so that routing allocates nothing per member), and
    /// there it can be older than the request.
    /// </para>
    /// </summary>
    public TimeSpan? ActiveTimeSinceSuccess { get; init; }

    /// <summary>
    /// Whether the model came back from a cooldown and has not succeeded since; one more failure sends it back
    /// to standby (a half-open circuit).
    /// </summary>
    public bool OnProbation { get; init; }

    /// <summary>The model's definition (capabilities, limits, pricing).</summary>
    public required ModelDefinition Definition { get; init; }
}
