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

    /// <summary>Most time for a request across every attempt and backoff. Default 120 s.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Most models tried for one request (null: every eligible one). Default null.</summary>
    public int? MaxModels { get; init; }
}
