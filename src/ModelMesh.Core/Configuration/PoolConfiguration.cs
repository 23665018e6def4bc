namespace ModelMesh;

/// <summary>One entry of <c>pools:</c> — the models behind a capability or a list, and how to rotate among them.</summary>
public sealed class PoolConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>The default strategy, <c>modelmesh.stick-until-failure.v1</c>.</summary>
    public const string DefaultStrategy = RotationStrategies.StickUntilFailure;

    /// <summary>The pool id (the key under <c>pools:</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The documented capability path the pool serves (<c>capability</c>, alias resolved); null for a list-only pool.</summary>
    public string? Capability { get; init; }

    /// <summary>Models added explicitly (<c>models</c>); each names an entry of <c>models:</c>, or a catalogue model of a provider that lists none.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Only models of these providers take part (<c>providers</c>); empty for all.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary>Models of these providers never take part (<c>excluded_providers</c>).</summary>
    public IReadOnlyList<string> ExcludedProviders { get; init; } = [];

    /// <summary>The rotation strategy id as written (<c>strategy</c>); the router resolves it.</summary>
    public string Strategy { get; init; } = DefaultStrategy;

    /// <summary>Extra settings for a custom strategy (<c>strategy_config</c>); null when absent.</summary>
    internal ConfigNode? StrategyConfig { get; init; }

    /// <summary>Preferred models, first first (<c>model_priority</c>).</summary>
    public IReadOnlyList<string> ModelPriority { get; init; } = [];

    /// <summary>Preferred providers, first first (<c>provider_priority</c>).</summary>
    public IReadOnlyList<string> ProviderPriority { get; init; } = [];

    /// <summary>Load-balancing weights, each &gt; 0 (<c>model_weights</c>); a model not listed weighs 1.</summary>
    public IReadOnlyDictionary<string, double> ModelWeights { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Per-model request caps for rate-limit-aware rotation (<c>model_request_limits</c>).</summary>
    public IReadOnlyDictionary<string, long> ModelRequestLimits { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Per-model token caps for rate-limit-aware rotation (<c>model_token_limits</c>).</summary>
    public IReadOnlyDictionary<string, long> ModelTokenLimits { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Consecutive failures that take a model out of rotation (<c>failure_threshold</c>); default 3.</summary>
    public int FailureThreshold { get; init; } = 3;

    /// <summary>Error rate (0 &lt; x ≤ 1) over the window that takes a model out (<c>error_rate_threshold</c>); default 0.5.</summary>
    public double ErrorRateThreshold { get; init; } = 0.5;

    /// <summary>Requests the error rate is measured over (<c>error_rate_window</c>); default 20.</summary>
    public int ErrorRateWindow { get; init; } = 20;

    /// <summary>How long a deactivated model rests before it is tried again (<c>cooldown_seconds</c>); default 60 s.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where session stickiness reads the session id (<c>session_header</c>); default <c>session_id</c>.</summary>
    public string SessionHeader { get; init; } = "session_id";

    /// <summary>Requests the latency average is taken over (<c>latency_window</c>); default 50.</summary>
    public int LatencyWindow { get; init; } = 50;

    /// <summary>Average latency above which latency-first deactivates a model (<c>max_latency_ms</c>); default 10 s.</summary>
    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromMilliseconds(10_000);

    /// <summary>Retry of the same model before failing over (<c>retry</c>).</summary>
    public RetryConfiguration Retry { get; init; } = new();

    /// <summary>Request time limits (<c>timeouts</c>).</summary>
    public PoolTimeouts Timeouts { get; init; } = new();
}

/// <summary><c>pools.&lt;id&gt;.retry</c>: retrying one model on retryable errors, with exponential backoff.</summary>
public sealed class RetryConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>Attempts on one model, the first included (<c>max_attempts</c>, ≥ 1); default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Delay before the first retry (<c>initial_delay</c>); default 500 ms.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between retries (<c>max_delay</c>); default 10 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether a <c>Retry-After</c> from the provider sets the delay (<c>honor_retry_after</c>); default true.</summary>
    public bool HonorRetryAfter { get; init; } = true;

    /// <summary>Time allowed for all attempts and failovers of one request (<c>total_timeout</c>); default 120 s.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Time one attempt may wait for its answer (<c>attempt_timeout</c>); null (the default) gives an attempt that
    /// another model could follow half the time left.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; init; }
}

/// <summary><c>pools.&lt;id&gt;.timeouts</c>: per-request limits; null leaves the provider's own.</summary>
public sealed class PoolTimeouts : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>Time to connect (<c>connect</c>).</summary>
    public TimeSpan? Connect { get; init; }

    /// <summary>Time until the first streamed token (<c>first_token</c>).</summary>
    public TimeSpan? FirstToken { get; init; }

    /// <summary>Longest silence between streamed chunks (<c>idle</c>).</summary>
    public TimeSpan? Idle { get; init; }

    /// <summary>Time for the whole request (<c>total</c>).</summary>
    public TimeSpan? Total { get; init; }
}
