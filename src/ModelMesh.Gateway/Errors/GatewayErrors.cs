using System.Globalization;
using System.Net;

namespace ModelMesh.Gateway.Errors;

/// <summary>
/// Maps what a request ended in to the answer the client gets, by exception type and classification (never by
/// message text). Messages are the mesh's own, which carry no secret; upstream text reaches the client only as
/// the provider already redacted it.
/// </summary>
internal static class GatewayErrors
{
    public static GatewayError From(Exception error, string requestId) => error switch
    {
        GatewayRequestException request => request.Error,
        ModelNotFoundException notFound => new GatewayError(GatewayErrorKind.ModelNotFound, HttpStatusCode.NotFound, ErrorTypes.InvalidRequest, notFound.Message)
        {
            Param = "model",
            Code = "model_not_found",
        },
        OperationNotServedException notServed => new GatewayError(GatewayErrorKind.InvalidRequest, HttpStatusCode.BadRequest, ErrorTypes.InvalidRequest, notServed.Message)
        {
            Param = "model",
            Code = "model_not_supported",
        },
        BudgetExceededException budget => new GatewayError(GatewayErrorKind.BudgetExceeded, HttpStatusCode.TooManyRequests, ErrorTypes.Budget, budget.Message)
        {
            Code = budget.LimitType,
        },
        NoActiveModelException noModel => new GatewayError(GatewayErrorKind.NoActiveModel, HttpStatusCode.ServiceUnavailable, ErrorTypes.Unavailable, noModel.Message)
        {
            Code = "no_active_model",
        },
        AllProvidersExhaustedException exhausted => Exhausted(exhausted),
        StreamInterruptedException interrupted => new GatewayError(GatewayErrorKind.StreamInterrupted, HttpStatusCode.BadGateway, ErrorTypes.Upstream,
            $"The stream was interrupted after {interrupted.PartialText.Length} character(s) of content: {Describe(interrupted.InnerException)}")
        {
            Code = "stream_interrupted",
        },
        ProviderException provider => Rejected(provider),
        ArgumentException argument => new GatewayError(GatewayErrorKind.InvalidRequest, HttpStatusCode.BadRequest, ErrorTypes.InvalidRequest, argument.Message),
        _ => new GatewayError(GatewayErrorKind.Internal, HttpStatusCode.InternalServerError, ErrorTypes.Server,
            $"The gateway failed to answer (request {requestId}); its log has the details."),
    };

    /// <summary>The failure class as a snake_case word: the same vocabulary in error bodies and metrics.</summary>
    public static string ClassOf(ProviderErrorCategory category) => category switch
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

    private static GatewayError Exhausted(AllProvidersExhaustedException exhausted)
    {
        var attempts = exhausted.Attempts
            .Select(a => new GatewayAttempt(a.ModelId, a.ProviderId, a.Error is ProviderException p ? ClassOf(p.Category) : "unknown", (a.Error as ProviderException)?.StatusCode))
            .ToArray();
        // Only timeouts (or no attempt at all: the request's time ran out first) is a gateway timeout.
        var timedOut = exhausted.Attempts.All(a => a.Error is ProviderTimeoutException);
        var list = string.Join("; ", attempts.Select((a, i) => string.Create(CultureInfo.InvariantCulture,
            $"{i + 1}. {a.Model} via {a.Provider}: {a.Error}{(a.Status is int s ? " (HTTP " + s.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty)}")));
        var message = attempts.Length == 0
            ? $"No upstream answered pool '{exhausted.PoolId}' within the request's time."
            : $"Every upstream attempt for pool '{exhausted.PoolId}' failed: {list}.";
        return timedOut
            ? new GatewayError(GatewayErrorKind.UpstreamTimeout, HttpStatusCode.GatewayTimeout, ErrorTypes.Timeout, message) { Code = "upstream_timeout", Attempts = attempts }
            : new GatewayError(GatewayErrorKind.UpstreamFailed, HttpStatusCode.BadGateway, ErrorTypes.Upstream, message) { Code = "upstream_failed", Attempts = attempts };
    }

    /// <summary>An upstream refusal of the request itself: the client's to fix, so a 400 with what the upstream said (redacted).</summary>
    private static GatewayError Rejected(ProviderException provider)
    {
        var category = provider.Category;
        if (category is ProviderErrorCategory.Client or ProviderErrorCategory.ContextLengthExceeded or ProviderErrorCategory.ContentFilter)
        {
            var said = string.IsNullOrEmpty(provider.Classification.Message) ? string.Empty : ": " + provider.Classification.Message;
            return new GatewayError(GatewayErrorKind.UpstreamRejected, HttpStatusCode.BadRequest, ErrorTypes.InvalidRequest,
                $"The upstream ({provider.ProviderId}) rejected the request{said}")
            {
                Param = provider.Classification.Param,
                Code = category == ProviderErrorCategory.Client ? provider.ErrorCode ?? "upstream_rejected" : ClassOf(category),
            };
        }
        return category == ProviderErrorCategory.Timeout
            ? new GatewayError(GatewayErrorKind.UpstreamTimeout, HttpStatusCode.GatewayTimeout, ErrorTypes.Timeout, provider.Message) { Code = "upstream_timeout" }
            : new GatewayError(GatewayErrorKind.UpstreamFailed, HttpStatusCode.BadGateway, ErrorTypes.Upstream, provider.Message) { Code = ClassOf(category) };
    }

    private static string Describe(Exception? inner) => inner switch
    {
        ProviderException p => $"{p.ModelId ?? p.ProviderId} failed ({ClassOf(p.Category)})",
        null => "the upstream failed",
        _ => "the upstream failed",
    };
}
