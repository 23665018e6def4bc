namespace ModelMesh;

/// <summary>
/// How the router retries one model and fails over to the next. Only retryable errors (rate limits, server
/// errors, timeouts, dropped connections) are retried on the same model; everything is bounded by
/// <see cref="TotalTimeout"/>.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Attempts on one model before failing over (1 means no retry). Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The first backoff delay; each retry doubles it, with jitter. Default 500 ms.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest wait before a retry. When the provider asks for longer (<c>Retry-After</c>), the router fails
    /// over instead and cools the model down until then. Default 10 s.
    /// </summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the provider's <c>Retry-After</c>, <c>retry-after-ms</c> and <c>x-should-retry</c> are obeyed. Default true.</summary>
    public bool HonorRetryAfter { get; init; } = true;

    /// <summary>
    /// Most time for a request across every attempt and backoff, streams included (a stream that has started is
    /// still bounded by it unless <see cref="StreamTimeouts.Total"/> says otherwise). Default 120 s;
    /// <see cref="Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Most time one attempt may wait for its answer (a stream: for its first output). Null (the default) shares
    /// the total out: an attempt that another model could follow gets at most half the time left, the last one
    /// all of it, so a hung upstream never uses up the time the request needs to fail over. An attempt that runs
    /// out of its time counts against its model and the request fails over.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>Most models tried for one request (null: every eligible one). Default null.</summary>
    public int? MaxModels { get; init; }
}
