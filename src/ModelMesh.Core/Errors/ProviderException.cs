using System.Globalization;
using System.Text;

namespace ModelMesh;

/// <summary>A provider call failed. Subtypes name the failures callers commonly handle on their own.</summary>
public class ProviderException : ModelMeshException
{
    /// <summary>Creates the exception from a classification.</summary>
    /// <param name="providerId">The provider (connector instance) that failed.</param>
    /// <param name="modelId">The model the request was for, when known.</param>
    /// <param name="statusCode">The HTTP status, or null when no response arrived (or the error was in-band).</param>
    /// <param name="classification">What kind of failure it was.</param>
    /// <param name="innerException">The transport exception, if any.</param>
    public ProviderException(string providerId, string? modelId, int? statusCode, ErrorClassification classification, Exception? innerException = null)
        : base(Describe(providerId, modelId, statusCode, classification), innerException)
    {
        ArgumentNullException.ThrowIfNull(classification);
        ProviderId = providerId;
        ModelId = modelId;
        StatusCode = statusCode;
        Classification = classification;
    }

    /// <summary>The provider (connector instance) that failed.</summary>
    public string ProviderId { get; }

    /// <summary>The model the request was for, when known.</summary>
    public string? ModelId { get; }

    /// <summary>The HTTP status code, or null when no response arrived or the error came inside a 200 response.</summary>
    public int? StatusCode { get; }

    /// <summary>The full classification the provider's <c>ClassifyError</c> hook returned.</summary>
    public ErrorClassification Classification { get; }

    /// <summary>What kind of failure it was.</summary>
    public ProviderErrorCategory Category => Classification.Category;

    /// <summary>
    /// Whether sending the same request to the same model again may succeed: the upstream's advice
    /// (<see cref="ErrorClassification.RetryHint"/>, its <c>x-should-retry</c> header) when it gave one, else the
    /// classification's own judgement (<see cref="ErrorClassification.IsRetryable"/>).
    /// </summary>
    public bool IsRetryable => Classification.RetryHint ?? Classification.IsRetryable;

    /// <summary>
    /// Whether a retry may succeed judged from the failure alone, ignoring the upstream's <c>x-should-retry</c>
    /// advice: for a router told not to honour upstream retry hints (<c>RetryOptions.HonorRetryAfter = false</c>).
    /// </summary>
    public bool IsRetryableIgnoringHint => Classification.IsRetryable;

    /// <summary>How long the upstream asked to wait before retrying, when it said.</summary>
    public TimeSpan? RetryAfter => Classification.RetryAfter;

    /// <summary>The upstream's machine-readable error code.</summary>
    public string? ErrorCode => Classification.Code;

    /// <summary>Creates the most specific exception type for a classification.</summary>
    public static ProviderException Create(string providerId, string? modelId, int? statusCode, ErrorClassification classification, Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(classification);
        return classification.Category switch
        {
            ProviderErrorCategory.Authentication => new AuthenticationException(providerId, modelId, statusCode, classification, innerException),
            ProviderErrorCategory.RateLimit => new RateLimitException(providerId, modelId, statusCode, classification, innerException),
            ProviderErrorCategory.QuotaExhausted => new QuotaExhaustedException(providerId, modelId, statusCode, classification, innerException),
            ProviderErrorCategory.Timeout => new ProviderTimeoutException(providerId, modelId, statusCode, classification, innerException),
            ProviderErrorCategory.ContextLengthExceeded => new ContextLengthExceededException(providerId, modelId, statusCode, classification, innerException),
            ProviderErrorCategory.ContentFilter => new ContentFilterException(providerId, modelId, statusCode, classification, innerException),
            ProviderErrorCategory.ResponseTooLarge => new ResponseTooLargeException(providerId, modelId, statusCode, classification, innerException),
            _ => new ProviderException(providerId, modelId, statusCode, classification, innerException),
        };
    }

    private static string Describe(string providerId, string? modelId, int? statusCode, ErrorClassification c)
    {
        var text = new StringBuilder();
        text.Append("Provider '").Append(providerId).Append('\'');
        if (modelId is not null)
        {
            text.Append(" (model '").Append(modelId).Append("')");
        }
        text.Append(" failed: ").Append(c.Category);
        if (statusCode is int status)
        {
            text.Append(", HTTP ").Append(status.ToString(CultureInfo.InvariantCulture));
        }
        if (c.Code is not null)
        {
            text.Append(", code '").Append(c.Code).Append('\'');
        }
        if (c.Param is not null)
        {
            text.Append(", param '").Append(c.Param).Append('\'');
        }
        var retryable = c.RetryHint ?? c.IsRetryable;
        text.Append(retryable ? ", retryable" : ", not retryable");
        if (c.RetryHint is bool hint && hint != c.IsRetryable)
        {
            text.Append(hint ? " (x-should-retry: true)" : " (x-should-retry: false)");
        }
        if (c.RetryAfter is TimeSpan wait)
        {
            text.Append(", retry after ").Append(wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)).Append(" s");
        }
        if (!string.IsNullOrEmpty(c.Message))
        {
            text.Append(": ").Append(c.Message);
        }
        return text.ToString();
    }
}

/// <summary>The provider rejected the credentials (401/403). Not retryable; the mesh deactivates the provider's models.</summary>
public sealed class AuthenticationException : ProviderException
{
    /// <inheritdoc cref="ProviderException(string, string?, int?, ErrorClassification, Exception?)"/>
    public AuthenticationException(string providerId, string? modelId, int? statusCode, ErrorClassification classification, Exception? innerException = null)
        : base(providerId, modelId, statusCode, classification, innerException)
    {
    }
}

/// <summary>The provider is rate limiting the caller (429). <see cref="ProviderException.RetryAfter"/> says how long to wait when the upstream said.</summary>
public sealed class RateLimitException : ProviderException
{
    /// <inheritdoc cref="ProviderException(string, string?, int?, ErrorClassification, Exception?)"/>
    public RateLimitException(string providerId, string? modelId, int? statusCode, ErrorClassification classification, Exception? innerException = null)
        : base(providerId, modelId, statusCode, classification, innerException)
    {
    }
}

/// <summary>The account's quota or credit is exhausted. Unlike a rate limit, waiting a moment does not help.</summary>
public sealed class QuotaExhaustedException : ProviderException
{
    /// <inheritdoc cref="ProviderException(string, string?, int?, ErrorClassification, Exception?)"/>
    public QuotaExhaustedException(string providerId, string? modelId, int? statusCode, ErrorClassification classification, Exception? innerException = null)
        : base(providerId, modelId, statusCode, classification, innerException)
    {
    }
}

/// <summary>The provider did not answer within a timeout (connect, response, first token, idle or total).</summary>
public sealed class ProviderTimeoutException : ProviderException
{
    /// <inheritdoc cref="ProviderException(string, string?, int?, ErrorClassification, Exception?)"/>
    public ProviderTimeoutException(string providerId, string? modelId, int? statusCode, ErrorClassification classification, Exception? innerException = null)
        : base(providerId, modelId, statusCode, classification, innerException)
    {
    }
}

/// <summary>The request does not fit the model's context window; a model with a larger window may serve it.</summary>
public sealed class ContextLengthExceededException : ProviderException
{
    /// <inheritdoc cref="ProviderException(string, string?, int?, ErrorClassification, Exception?)"/>
    public ContextLengthExceededException(string providerId, string? modelId, int? statusCode, ErrorClassification classification, Exception? innerException = null)
        : base(providerId, modelId, statusCode, classification, innerException)
    {
    }
}

/// <summary>The provider's content filter refused the prompt or the completion.</summary>
public sealed class ContentFilterException : ProviderException
{
    /// <inheritdoc cref="ProviderException(string, string?, int?, ErrorClassification, Exception?)"/>
    public ContentFilterException(string providerId, string? modelId, int? statusCode, ErrorClassification classification, Exception? innerException = null)
        : base(providerId, modelId, statusCode, classification, innerException)
    {
    }
}

/// <summary>
/// The upstream's response body or one of its stream events was larger than the provider's limit; reading stopped
/// there. Not retryable on the same model; the message names the limit and the option that raises it.
/// </summary>
public sealed class ResponseTooLargeException : ProviderException
{
    /// <inheritdoc cref="ProviderException(string, string?, int?, ErrorClassification, Exception?)"/>
    public ResponseTooLargeException(string providerId, string? modelId, int? statusCode, ErrorClassification classification, Exception? innerException = null)
        : base(providerId, modelId, statusCode, classification, innerException)
    {
    }
}
