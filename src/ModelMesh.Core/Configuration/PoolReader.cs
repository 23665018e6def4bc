namespace ModelMesh.Configuration;

/// <summary>Reads <c>pools:</c>, applying the template's pool defaults to keys a pool does not set.</summary>
internal static class PoolReader
{
    private static readonly string[] Keys =
    [
        "capability", "models", "providers", "excluded_providers", "strategy", "strategy_config",
        "model_priority", "provider_priority", "model_weights", "model_request_limits", "model_token_limits",
        "failure_threshold", "error_rate_threshold", "error_rate_window", "cooldown_seconds", "session_header",
        "latency_window", "max_latency_ms", "retry", "timeouts",
    ];

    private static readonly string[] RetryKeys = ["max_attempts", "initial_delay", "max_delay", "honor_retry_after", "total_timeout", "attempt_timeout"];
    private static readonly string[] TimeoutKeys = ["connect", "first_token", "idle", "total"];

    internal static IReadOnlyDictionary<string, PoolConfiguration> Read(ConfigNode section, IReadOnlyCollection<string> modelIds,
        IReadOnlyCollection<string> providerIds, ReadContext context)
    {
        var result = new List<KeyValuePair<string, PoolConfiguration>>();
        foreach (var entry in context.Mapping(section).Entries)
        {
            result.Add(KeyValuePair.Create(entry.Key, ReadOne(entry.Key, entry.Value, modelIds, providerIds, context)));
        }
        return new OrderedReadOnlyDictionary<string, PoolConfiguration>(result);
    }

    private static PoolConfiguration ReadOne(string id, ConfigNode value, IReadOnlyCollection<string> modelIds,
        IReadOnlyCollection<string> providerIds, ReadContext context)
    {
        var node = context.Mapping(value, Keys);
        var template = context.Template;
        var capability = context.Optional<string?>(node, "capability", CapabilityReader.Resolve, null);
        var models = context.IdList(node, "models", modelIds, "model");
        if (node.Get("capability") is null && models.Count == 0)
        {
            context.Add("A pool needs 'capability', 'models' or both.", value.Location);
        }
        return new PoolConfiguration
        {
            Id = id,
            Capability = capability,
            Models = models,
            Providers = context.IdList(node, "providers", providerIds, "provider"),
            ExcludedProviders = context.IdList(node, "excluded_providers", providerIds, "provider"),
            Strategy = context.Optional(node, "strategy", n => n.GetString(), template?.Strategy ?? PoolConfiguration.DefaultStrategy),
            StrategyConfig = node.Get("strategy_config"),
            ModelPriority = context.IdList(node, "model_priority", modelIds, "model"),
            ProviderPriority = context.IdList(node, "provider_priority", providerIds, "provider"),
            ModelWeights = context.IdMap(node, "model_weights", modelIds, "model", n => n.GetDouble(0, ConfigurationLimits.MaxWeight, minExclusive: true)),
            ModelRequestLimits = context.IdMap(node, "model_request_limits", modelIds, "model", n => n.GetInt64(0, ConfigurationLimits.MaxRequests)),
            ModelTokenLimits = context.IdMap(node, "model_token_limits", modelIds, "model", n => n.GetInt64(0, ConfigurationLimits.MaxTokens)),
            FailureThreshold = context.Optional(node, "failure_threshold", n => n.GetInt32(1, ConfigurationLimits.MaxFailureThreshold), template?.FailureThreshold ?? 3),
            ErrorRateThreshold = context.Optional(node, "error_rate_threshold", n => n.GetDouble(0, 1, minExclusive: true), 0.5),
            ErrorRateWindow = context.Optional(node, "error_rate_window", n => n.GetInt32(1, ConfigurationLimits.MaxWindow), 20),
            Cooldown = context.Optional(node, "cooldown_seconds", n => n.GetTimeSpan(TimeSpan.Zero, ConfigurationLimits.MaxCooldown), template?.Cooldown ?? TimeSpan.FromSeconds(60)),
            SessionHeader = context.Optional(node, "session_header", NonEmptyString, "session_id"),
            LatencyWindow = context.Optional(node, "latency_window", n => n.GetInt32(1, ConfigurationLimits.MaxWindow), 50),
            MaxLatency = context.Optional(node, "max_latency_ms",
                n => TimeSpan.FromMilliseconds(n.GetDouble(0, ConfigurationLimits.MaxLatencyMilliseconds, minExclusive: true)), TimeSpan.FromMilliseconds(10_000)),
            Retry = ReadRetry(node.Get("retry"), context),
            Timeouts = ReadTimeouts(node.Get("timeouts"), context),
            Location = value.Location,
            Source = node,
        };
    }

    private static RetryConfiguration ReadRetry(ConfigNode? section, ReadContext context)
    {
        var defaults = new RetryConfiguration();
        if (section is null)
        {
            return defaults;
        }
        var node = context.Mapping(section, RetryKeys);
        var retry = new RetryConfiguration
        {
            MaxAttempts = context.Optional(node, "max_attempts", n => n.GetInt32(1, ConfigurationLimits.MaxAttempts), defaults.MaxAttempts),
            InitialDelay = context.Optional(node, "initial_delay", Delay, defaults.InitialDelay),
            MaxDelay = context.Optional(node, "max_delay", Delay, defaults.MaxDelay),
            HonorRetryAfter = context.Optional(node, "honor_retry_after", n => n.GetBool(), defaults.HonorRetryAfter),
            TotalTimeout = context.Optional(node, "total_timeout", Positive, defaults.TotalTimeout),
            AttemptTimeout = context.Optional<TimeSpan?>(node, "attempt_timeout", n => Positive(n), null),
            Location = section.Location,
            Source = node,
        };
        if (retry.MaxDelay < retry.InitialDelay)
        {
            context.Add($"'max_delay' ({Shown(node, "max_delay", retry.MaxDelay)}) must not be shorter than 'initial_delay' ({Shown(node, "initial_delay", retry.InitialDelay)}).",
                retry.LocationOf(node.ContainsKey("max_delay") ? "max_delay" : "initial_delay"));
        }
        return retry;
    }

    private static PoolTimeouts ReadTimeouts(ConfigNode? section, ReadContext context)
    {
        if (section is null)
        {
            return new PoolTimeouts();
        }
        var node = context.Mapping(section, TimeoutKeys);
        return new PoolTimeouts
        {
            Connect = context.Optional<TimeSpan?>(node, "connect", n => Positive(n), null),
            FirstToken = context.Optional<TimeSpan?>(node, "first_token", n => Positive(n), null),
            Idle = context.Optional<TimeSpan?>(node, "idle", n => Positive(n), null),
            Total = context.Optional<TimeSpan?>(node, "total", n => Positive(n), null),
            Location = section.Location,
            Source = node,
        };
    }

    // Request-scale durations: a timer longer than a day is a unit mistake, and CancelAfter takes no more than ~24.8 days.
    private static TimeSpan Positive(ConfigNode node) => node.GetTimeSpan(TimeSpan.Zero, ConfigurationLimits.MaxRequestDuration, minExclusive: true);

    private static TimeSpan Delay(ConfigNode node) => node.GetTimeSpan(TimeSpan.Zero, ConfigurationLimits.MaxRequestDuration);

    // A duration as the file wrote it (or its reference, when substituted), or the default in file units.
    private static string Shown(ConfigNode section, string key, TimeSpan value) =>
        section.Get(key) is { IsSensitive: true } node ? node.Quote() : Durations.Format(value);

    private static string NonEmptyString(ConfigNode node)
    {
        var value = node.GetString();
        return value.Length > 0 ? value : throw node.Mismatch("a non-empty string");
    }
}
