namespace ModelMesh.Configuration;

/// <summary>
/// The allowed range of every numeric and duration key, in one place (docs/configuration.md states the same
/// values). A value outside its range is rejected at load, located, with the range in the message, rather than
/// loading and then failing every request.
/// </summary>
/// <remarks>
/// Why these bounds: <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> takes at most about 24.8 days and a
/// request-scale timer longer than a day is a unit mistake; a cooldown is added to the clock, so it must stay far from
/// <see cref="DateTimeOffset.MaxValue"/>; prices and amounts are multiplied by token counts and summed in
/// <see cref="decimal"/>, so the largest price times the largest token limit (10^3 × 10^15) stays far below
/// <see cref="decimal.MaxValue"/> (about 7.9 × 10^28).
/// </remarks>
internal static class ConfigurationLimits
{
    /// <summary>Request-scale durations: timeouts, retry delays (<c>timeout</c>, <c>retry.total_timeout</c>, <c>timeouts.*</c>, …).</summary>
    internal static readonly TimeSpan MaxRequestDuration = TimeSpan.FromHours(24);

    /// <summary>How long a model may rest out of rotation (<c>cooldown_seconds</c>).</summary>
    internal static readonly TimeSpan MaxCooldown = TimeSpan.FromDays(30);

    /// <summary>Any other duration a connector reads with <see cref="ConfigNode.GetTimeSpan()"/>.</summary>
    internal static readonly TimeSpan MaxDuration = TimeSpan.FromDays(365);

    /// <summary>Average latency that takes a model out (<c>max_latency_ms</c>): a day, in milliseconds.</summary>
    internal const double MaxLatencyMilliseconds = 86_400_000;

    /// <summary>US dollars per 1,000 tokens (<c>input_per_1k</c>, <c>output_per_1k</c>) and per request (<c>per_request</c>).</summary>
    internal const decimal MaxPrice = 1_000m;

    /// <summary>US dollars of a spending limit (<c>budget.*_limit</c>, <c>budget.provider_limits</c>, <c>limits.cost</c>).</summary>
    internal const decimal MaxAmount = 1_000_000_000m;

    /// <summary>Requests of a daily cap (<c>limits.requests</c>, <c>model_request_limits</c>).</summary>
    internal const long MaxRequests = 1_000_000_000_000;

    /// <summary>Tokens of a daily cap (<c>limits.tokens</c>, <c>model_token_limits</c>).</summary>
    internal const long MaxTokens = 1_000_000_000_000_000;

    /// <summary>Tokens of one request (<c>context_window</c>, <c>max_output_tokens</c>).</summary>
    internal const int MaxRequestTokens = 100_000_000;

    /// <summary>Attempts on one model (<c>retry.max_attempts</c>).</summary>
    internal const int MaxAttempts = 100;

    /// <summary>Consecutive failures before a model leaves rotation (<c>failure_threshold</c>).</summary>
    internal const int MaxFailureThreshold = 1_000_000;

    /// <summary>Requests a rate or an average is taken over (<c>error_rate_window</c>, <c>latency_window</c>).</summary>
    internal const int MaxWindow = 100_000;

    /// <summary>A load-balancing weight (<c>model_weights</c>).</summary>
    internal const double MaxWeight = 1_000_000;
}
