namespace ModelMesh;

/// <summary>
/// The settings a pool gives its rotation policy: when to deactivate a model, how long it cools down, and the
/// strategy-specific inputs (priorities, weights, limits). Defaults are ModelMesh's.
/// </summary>
public sealed record RotationPolicyOptions
{
    /// <summary>Consecutive failures that deactivate a model. Default 3.</summary>
    public int FailureThreshold { get; init; } = 3;

    /// <summary>Error rate over <see cref="ErrorRateWindow"/> that deactivates a model. Default 0.5.</summary>
    public double ErrorRateThreshold { get; init; } = 0.5;

    /// <summary>How many recent requests the error rate is computed over. Default 20.</summary>
    public int ErrorRateWindow { get; init; } = 20;

    /// <summary>Fewest completed requests of the current activation in the window before the error rate can deactivate a model. Default 10.</summary>
    public int ErrorRateMinimumRequests { get; init; } = 10;

    /// <summary>How long a deactivated model rests before it is tried again. Default 60 s.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Model ids in order of preference (priority-selection and the default scorer).</summary>
    public IReadOnlyList<string> ModelPriority { get; init; } = [];

    /// <summary>Provider ids in order of preference.</summary>
    public IReadOnlyList<string> ProviderPriority { get; init; } = [];

    /// <summary>Relative weights for load-balanced (model id to weight; a missing model weighs 1).</summary>
    public IReadOnlyDictionary<string, double> ModelWeights { get; init; } = new Dictionary<string, double>();

    /// <summary>Requests per UTC day per model for rate-limit-aware (in addition to the model's own limit).</summary>
    public IReadOnlyDictionary<string, long> ModelRequestLimits { get; init; } = new Dictionary<string, long>();

    /// <summary>Tokens per UTC day per model for rate-limit-aware.</summary>
    public IReadOnlyDictionary<string, long> ModelTokenLimits { get; init; } = new Dictionary<string, long>();

    /// <summary>The metadata key that carries the session id for session-stickiness. Default <c>session_id</c>.</summary>
    public string SessionHeader { get; init; } = "session_id";

    /// <summary>How many recent latencies latency-first averages. Default 50.</summary>
    public int LatencyWindow { get; init; } = 50;

    /// <summary>Average latency above which latency-first deactivates a model. Default 10 s.</summary>
    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Strategy-specific settings from configuration (<c>strategy_config</c>), for custom policies.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>Load-balanced's weight for a model: the configured one when positive, else 1.</summary>
    internal double WeightOf(string modelId) => ModelWeights.TryGetValue(modelId, out var weight) && weight > 0 ? weight : 1.0;

    /// <summary>Rate-limit-aware's daily request limit for a model: the override here, else the model's own.</summary>
    internal long? RequestLimitOf(ModelDefinition model) => ModelRequestLimits.TryGetValue(model.Id, out var limit) ? limit : model.DailyRequestLimit;

    /// <summary>Rate-limit-aware's daily token limit for a model: the override here, else the model's own.</summary>
    internal long? TokenLimitOf(ModelDefinition model) => ModelTokenLimits.TryGetValue(model.Id, out var limit) ? limit : model.DailyTokenLimit;
}
