namespace ModelMesh;

/// <summary>
/// The result of a provider's <c>ClassifyError</c> hook: what kind of failure it was and whether and when
/// to retry. The provider turns it into the matching <see cref="ProviderException"/> subtype; on the way, every
/// string (upstream text) has the provider's secrets (API key, header values) replaced by <c>***</c> and is cut to
/// at most 2,000 characters (<see cref="Message"/>) or 200 (<see cref="Code"/>, <see cref="Type"/>,
/// <see cref="Param"/>), ending in an ellipsis when cut.
/// </summary>
/// <param name="Category">The kind of failure.</param>
/// <param name="IsRetryable">
/// Whether the same request may succeed if sent again to the same model, judged from the failure itself (status,
/// body, exception); the upstream's own advice is <see cref="RetryHint"/>, kept apart.
/// </param>
public sealed record ErrorClassification(ProviderErrorCategory Category, bool IsRetryable)
{
    /// <summary>
    /// The upstream's <c>x-should-retry</c> header: true or false when it sent one, null when it did not (or sent
    /// something else). <see cref="ProviderException.IsRetryable"/> lets it override <see cref="IsRetryable"/>;
    /// a router that does not honour upstream retry advice reads <see cref="ProviderException.IsRetryableIgnoringHint"/>.
    /// </summary>
    public bool? RetryHint { get; init; }

    /// <summary>How long the upstream asked the caller to wait before retrying, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The upstream's machine-readable error code (for example <c>rate_limit_exceeded</c>).</summary>
    public string? Code { get; init; }

    /// <summary>The upstream's error type (for example <c>invalid_request_error</c>).</summary>
    public string? Type { get; init; }

    /// <summary>The request parameter the upstream blamed, when it named one.</summary>
    public string? Param { get; init; }

    /// <summary>The upstream's human-readable message.</summary>
    public string? Message { get; init; }
}
