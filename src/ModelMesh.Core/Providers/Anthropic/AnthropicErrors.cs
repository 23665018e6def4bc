namespace ModelMesh.Providers.Anthropic;

/// <summary>
/// Anthropic's error types where the status alone would mislead. The HTTP status decides the rest (429 rate limit,
/// 529 <c>overloaded_error</c> and 500 <c>api_error</c> server errors, retryable, with <c>retry-after</c> and
/// <c>x-should-retry</c> read from the headers; 400 with "prompt is too long" a context-length error), and so does the
/// default in-band classification of an <c>error</c> stream event (<c>overloaded_error</c> is a retryable server error).
/// </summary>
internal static class AnthropicErrors
{
    /// <summary>The classification of error types that mean the same with any status or in a stream; null for the rest.</summary>
    public static ErrorClassification? Classify(AnthropicErrorResponse body)
    {
        var error = body.Error;
        (ProviderErrorCategory Category, bool Retryable)? kind = error?.Type switch
        {
            "authentication_error" or "permission_error" => (ProviderErrorCategory.Authentication, false),
            "billing_error" => (ProviderErrorCategory.QuotaExhausted, false),
            "not_found_error" or "request_too_large" => (ProviderErrorCategory.Client, false),
            _ => null,
        };
        return kind is { } k ? new ErrorClassification(k.Category, k.Retryable) { Type = error!.Type, Message = error.Message } : null;
    }
}
