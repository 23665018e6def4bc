namespace ModelMesh;

/// <summary>Whether a model takes requests.</summary>
public enum ModelStatus
{
    /// <summary>The model is a candidate for requests.</summary>
    Active,
    /// <summary>The model is deactivated (cooling down, over a limit, or disabled by hand) and gets no requests.</summary>
    Standby,
}

/// <summary>Why a model was deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>Too many consecutive failures, or too high an error rate.</summary>
    ErrorThreshold,
    /// <summary>The provider reported the account's quota used up, or a per-model quota was reached.</summary>
    QuotaExhausted,
    /// <summary>The model's cost limit was reached.</summary>
    BudgetExceeded,
    /// <summary>The model's token limit was reached.</summary>
    TokenLimit,
    /// <summary>The model's request limit was reached.</summary>
    RequestLimit,
    /// <summary>A rotation policy's maintenance window.</summary>
    MaintenanceWindow,
    /// <summary>Deactivated by hand (<c>Rotate</c> or <c>Deactivate</c>).</summary>
    Manual,
    /// <summary>The provider rejected the credentials; the model stays off until reactivated or reconfigured.</summary>
    AuthenticationFailed,
    /// <summary>The provider asked the caller to wait (rate limit with <c>Retry-After</c>).</summary>
    RateLimited,
    /// <summary>Its average latency exceeded the policy's maximum.</summary>
    LatencyThreshold,
}
