using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelMesh.Cdk;

/// <summary>
/// The built-in error classification: HTTP status first, refined by the body's type/code/message (quota versus
/// rate limit, context length, content filter), with the retry delay from <c>retry-after-ms</c>,
/// <c>Retry-After</c> (seconds or an HTTP date), a Google <c>RetryInfo</c>, or an OpenAI "try again in" message,
/// and the upstream's <c>x-should-retry</c> kept as <see cref="ErrorClassification.RetryHint"/> (not folded into
/// <see cref="ErrorClassification.IsRetryable"/>, so a router may choose whether to honour it).
/// </summary>
public static partial class DefaultErrorClassifier
{
    /// <summary>
    /// The longest retry delay a classification carries (24 h): an upstream asking for longer, however absurd the
    /// number (<c>1e12</c>, <c>Infinity</c>, an HTTP date in year 9999), gets this long rest instead. A delay that is
    /// not a wait at all (NaN, negative) is ignored, as if the upstream had not said.
    /// </summary>
    public static TimeSpan MaxRetryAfter { get; } = TimeSpan.FromHours(24);

    /// <summary>
    /// An upstream's delay as a retry delay: null when it is not a wait (NaN, negative), <see cref="MaxRetryAfter"/>
    /// when it is longer; never throws.
    /// </summary>
    internal static TimeSpan? AsRetryDelay(double amount, double maxInUnit, Func<double, TimeSpan> fromUnit) =>
        double.IsNaN(amount) || amount < 0 ? null
        : amount >= maxInUnit ? MaxRetryAfter
        : fromUnit(amount);

    internal static TimeSpan? SecondsAsRetryDelay(double seconds) =>
        AsRetryDelay(seconds, MaxRetryAfter.TotalSeconds, static s => TimeSpan.FromSeconds(s));

    /// <summary>Classifies a failure.</summary>
    /// <param name="error">What is known about it.</param>
    /// <param name="now">The current time, for HTTP-date <c>Retry-After</c> values.</param>
    public static ErrorClassification Classify(ProviderError error, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Exception is ResponseLimitExceededException tooLarge)
        {
            return TooLarge(tooLarge);
        }
        var body = ErrorBody.Parse(error.Body.Span);
        // InvalidDataException: a response of the wrong kind (an HTML page where audio was expected).
        var malformed = error.Exception is JsonException or InvalidDataException;
        var (category, retryable) =
            malformed ? (ProviderErrorCategory.Server, true) // a garbled response is an upstream fault another attempt may not repeat
            : error.StatusCode is int status && !error.InBand ? FromStatus(status, body)
            : error.Exception is not null and not InBandErrorException ? FromException(error.Exception)
            : FromInBand(body);

        var retryAfter = RetryAfterFromHeaders(error, now) ?? body.RetryDelay ?? RetryAfterFromMessage(body.Message);

        return new ErrorClassification(category, retryable)
        {
            RetryAfter = retryAfter,
            RetryHint = RetryHint(error),
            Code = body.Code ?? body.Status,
            Type = body.Type,
            Param = body.Param,
            Message = malformed
                ? (error.Exception is JsonException ? "The upstream sent a response that is not valid JSON: " : "The upstream sent an unusable response: ") + error.Exception!.Message
                : body.Message ?? (error.Exception is not null and not InBandErrorException ? error.Exception.Message : null),
        };
    }

    /// <summary>Not retryable: the same model would send the same again; another model may answer within the limit.</summary>
    private static ErrorClassification TooLarge(ResponseLimitExceededException e)
    {
        var (option, key) = e.Limit == ResponseLimit.StreamEvent
            ? (nameof(ProviderOptions.MaxStreamEventBytes), "max_stream_event_bytes")
            : (nameof(ProviderOptions.MaxResponseBodyBytes), "max_response_bytes");
        return new ErrorClassification(ProviderErrorCategory.ResponseTooLarge, IsRetryable: false)
        {
            Message = $"{e.Message} Raise ProviderOptions.{option} (config key '{key}') if the upstream legitimately sends this much.",
        };
    }

    private static bool? RetryHint(ProviderError error) => error.Header("x-should-retry")?.Trim() switch
    {
        { } value when value.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        { } value when value.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };

    private static (ProviderErrorCategory, bool) FromStatus(int status, ErrorBody body)
    {
        if (IsQuota(body))
        {
            return (ProviderErrorCategory.QuotaExhausted, false);
        }
        if (status is 400 && IsInvalidKey(body))
        {
            return (ProviderErrorCategory.Authentication, false); // Google answers a bad key with 400 INVALID_ARGUMENT
        }
        if (status is 400 or 413 or 422)
        {
            if (IsContextLength(body))
            {
                return (ProviderErrorCategory.ContextLengthExceeded, false);
            }
            if (IsContentFilter(body))
            {
                return (ProviderErrorCategory.ContentFilter, false);
            }
        }
        return status switch
        {
            401 or 403 => (ProviderErrorCategory.Authentication, false),
            402 => (ProviderErrorCategory.QuotaExhausted, false),
            408 => (ProviderErrorCategory.Timeout, true),
            409 => (ProviderErrorCategory.Client, true), // lock contention; the OpenAI SDKs retry it
            429 => (ProviderErrorCategory.RateLimit, true),
            504 => (ProviderErrorCategory.Timeout, true),
            >= 500 => (ProviderErrorCategory.Server, true),
            >= 400 => (ProviderErrorCategory.Client, false),
            _ => (ProviderErrorCategory.Unknown, false),
        };
    }

    private static (ProviderErrorCategory, bool) FromInBand(ErrorBody body)
    {
        // A numeric code inside a 200 response is an HTTP status in disguise (OpenRouter, Google).
        if (int.TryParse(body.Code, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 400 and < 600)
        {
            return FromStatus(status, body);
        }
        if (IsQuota(body))
        {
            return (ProviderErrorCategory.QuotaExhausted, false);
        }
        if (IsContextLength(body))
        {
            return (ProviderErrorCategory.ContextLengthExceeded, false);
        }
        if (IsContentFilter(body))
        {
            return (ProviderErrorCategory.ContentFilter, false);
        }
        var kind = body.Type ?? body.Code ?? body.Status ?? string.Empty;
        if (kind.Contains("rate_limit", StringComparison.OrdinalIgnoreCase) || kind.Equals("RESOURCE_EXHAUSTED", StringComparison.Ordinal))
        {
            return (ProviderErrorCategory.RateLimit, true);
        }
        if (kind.Contains("auth", StringComparison.OrdinalIgnoreCase) || kind.Contains("permission", StringComparison.OrdinalIgnoreCase))
        {
            return (ProviderErrorCategory.Authentication, false);
        }
        if (kind.Contains("invalid_request", StringComparison.OrdinalIgnoreCase) || kind.Equals("INVALID_ARGUMENT", StringComparison.Ordinal))
        {
            return (ProviderErrorCategory.Client, false);
        }
        // server_error, overloaded_error, api_error, or nothing recognisable: the upstream accepted the
        // request and then failed while producing it, which another attempt may not repeat.
        return (ProviderErrorCategory.Server, true);
    }

    private static (ProviderErrorCategory, bool) FromException(Exception exception) => exception switch
    {
        TimeoutException or TaskCanceledException or OperationCanceledException => (ProviderErrorCategory.Timeout, true),
        HttpRequestException or IOException or SocketException => (ProviderErrorCategory.Network, true),
        _ => (ProviderErrorCategory.Unknown, false),
    };

    private static bool IsQuota(ErrorBody body) =>
        Is(body.Code, "insufficient_quota") || Is(body.Type, "insufficient_quota") || Is(body.Code, "billing_hard_limit_reached");

    private static bool IsInvalidKey(ErrorBody body) =>
        Contains(body.Message, "API key not valid") || Contains(body.Message, "invalid API key") || Is(body.Code, "invalid_api_key");

    private static bool IsContextLength(ErrorBody body) =>
        Is(body.Code, "context_length_exceeded") || Is(body.Code, "string_above_max_length")
        || Contains(body.Message, "maximum context length") || Contains(body.Message, "context length")
        || Contains(body.Message, "context window") || Contains(body.Message, "prompt is too long")
        || Contains(body.Message, "too many tokens")
        || Contains(body.Message, "exceeds the maximum number of tokens"); // Google: "The input token count (…) exceeds the maximum number of tokens allowed (…)."

    private static bool IsContentFilter(ErrorBody body) =>
        Is(body.Code, "content_filter") || Is(body.Code, "content_policy_violation") || Is(body.InnerCode, "ResponsibleAIPolicyViolation")
        || Contains(body.Message, "content management policy") || Contains(body.Message, "content filter");

    private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(string? text, string fragment) => text?.Contains(fragment, StringComparison.OrdinalIgnoreCase) == true;

    private static TimeSpan? RetryAfterFromHeaders(ProviderError error, DateTimeOffset now)
    {
        if (error.Header("retry-after-ms") is { } ms
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && AsRetryDelay(milliseconds, MaxRetryAfter.TotalMilliseconds, static m => TimeSpan.FromMilliseconds(m)) is { } fromMilliseconds)
        {
            return fromMilliseconds;
        }
        if (error.Header("retry-after") is { } value)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return SecondsAsRetryDelay(seconds);
            }
            if (DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - now;
                return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait < MaxRetryAfter ? wait : MaxRetryAfter;
            }
        }
        return null;
    }

    private static TimeSpan? RetryAfterFromMessage(string? message)
    {
        if (message is null)
        {
            return null;
        }
        // OpenAI writes Go-style durations: "120ms", "7.5s", "5m36.96s", "1h2m3s"; also "20 seconds".
        var match = TryAgainIn().Match(message);
        if (!match.Success)
        {
            return null;
        }
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitStart = part.Value.AsSpan().IndexOfAnyExcept("0123456789.");
            // Digits only, so it parses; a number too long for a double is infinity, which the clamp turns into the longest rest.
            var amount = double.Parse(part.Value.AsSpan(0, unitStart), NumberStyles.Float, CultureInfo.InvariantCulture);
            var max = MaxRetryAfter;
            var delay = part.Value.AsSpan(unitStart).Trim().ToString().ToLowerInvariant() switch
            {
                "ms" => AsRetryDelay(amount, max.TotalMilliseconds, static a => TimeSpan.FromMilliseconds(a)),
                "h" => AsRetryDelay(amount, max.TotalHours, static a => TimeSpan.FromHours(a)),
                "m" => AsRetryDelay(amount, max.TotalMinutes, static a => TimeSpan.FromMinutes(a)),
                _ => SecondsAsRetryDelay(amount),
            };
            total += delay ?? TimeSpan.Zero; // each part is at most a day and a message holds few: no overflow
            if (total >= max)
            {
                return max;
            }
        }
        return total;
    }

    [GeneratedRegex(@"try again in (?:(?<part>\d+(?:\.\d+)?\s?(?:ms|h|m(?!s)|seconds?|s))(?![a-z]))+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TryAgainIn();
}
