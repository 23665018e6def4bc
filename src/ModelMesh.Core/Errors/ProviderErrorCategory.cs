namespace ModelMesh;

/// <summary>What kind of failure a provider call ended in; drives retry, failover and deactivation.</summary>
public enum ProviderErrorCategory
{
    /// <summary>Nothing more specific is known.</summary>
    Unknown = 0,
    /// <summary>The credentials were missing, wrong or lack permission (401, 403). Not retryable.</summary>
    Authentication,
    /// <summary>Too many requests for now (429); retry after a delay.</summary>
    RateLimit,
    /// <summary>The account's quota or credit is used up (429 <c>insufficient_quota</c>, 402). Not retryable.</summary>
    QuotaExhausted,
    /// <summary>The upstream failed (5xx, overloaded, in-stream server error). Usually retryable.</summary>
    Server,
    /// <summary>The request was rejected as invalid (400, 404, 422). Not retryable.</summary>
    Client,
    /// <summary>The prompt plus requested output do not fit the model's context window. Another model may fit.</summary>
    ContextLengthExceeded,
    /// <summary>The provider's content filter refused the prompt or the output.</summary>
    ContentFilter,
    /// <summary>The upstream did not answer within a timeout.</summary>
    Timeout,
    /// <summary>The connection failed or was reset before a complete answer arrived.</summary>
    Network,
    /// <summary>
    /// The response body or a single stream event was larger than the provider's limit
    /// (<c>ProviderOptions.MaxResponseBodyBytes</c> / <c>MaxStreamEventBytes</c>). Not retryable (the model would
    /// send the same again); another model may answer within the limit.
    /// </summary>
    ResponseTooLarge,
}
