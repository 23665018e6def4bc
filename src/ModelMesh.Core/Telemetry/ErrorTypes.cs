namespace ModelMesh.Telemetry;

/// <summary>
/// Low-cardinality words for failures and reasons (<c>error.type</c>, <c>modelmesh.failover_reason</c>,
/// <c>modelmesh.deactivation_reason</c>): the failure class as the gateway names it, else the exception's type.
/// Never an upstream-supplied message.
/// </summary>
internal static class ErrorTypes
{
    /// <summary>What ended a call: a provider failure's class, <c>cancelled</c>, or the exception's type name.</summary>
    public static string Of(Exception error, CancellationToken cancellationToken) => error switch
    {
        ProviderException provider => Of(provider.Category),
        OperationCanceledException when cancellationToken.IsCancellationRequested => TelemetryNames.Cancelled,
        _ => error.GetType().FullName ?? error.GetType().Name,
    };

    /// <summary>The failure class as a snake_case word (the gateway's error bodies and metrics use the same).</summary>
    public static string Of(ProviderErrorCategory category) => category switch
    {
        ProviderErrorCategory.Authentication => "authentication",
        ProviderErrorCategory.RateLimit => "rate_limit",
        ProviderErrorCategory.QuotaExhausted => "quota_exhausted",
        ProviderErrorCategory.Server => "server",
        ProviderErrorCategory.Client => "client",
        ProviderErrorCategory.ContextLengthExceeded => "context_length_exceeded",
        ProviderErrorCategory.ContentFilter => "content_filter",
        ProviderErrorCategory.Timeout => "timeout",
        ProviderErrorCategory.Network => "network",
        ProviderErrorCategory.ResponseTooLarge => "response_too_large",
        _ => "unknown",
    };

    /// <summary>Why a model went on standby, as a snake_case word.</summary>
    public static string Of(DeactivationReason reason) => reason switch
    {
        DeactivationReason.ErrorThreshold => "error_threshold",
        DeactivationReason.QuotaExhausted => "quota_exhausted",
        DeactivationReason.BudgetExceeded => "budget_exceeded",
        DeactivationReason.TokenLimit => "token_limit",
        DeactivationReason.RequestLimit => "request_limit",
        DeactivationReason.MaintenanceWindow => "maintenance_window",
        DeactivationReason.Manual => "manual",
        DeactivationReason.AuthenticationFailed => "authentication_failed",
        DeactivationReason.RateLimited => "rate_limited",
        DeactivationReason.LatencyThreshold => "latency_threshold",
        _ => "unknown",
    };
}
