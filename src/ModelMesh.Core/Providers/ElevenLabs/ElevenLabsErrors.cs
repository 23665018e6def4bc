using ModelMesh.Cdk;

namespace ModelMesh.Providers.ElevenLabs;

/// <summary>
/// Maps ElevenLabs' <c>detail.status</c> codes whose HTTP status says less than they do; every other error (429s
/// with their Retry-After, 5xx, validation lists) falls back to the default classification of its status.
/// </summary>
internal static class ElevenLabsErrors
{
    public static ErrorClassification? Classify(ElevenLabsError error)
    {
        var status = error.Detail?.Status;
        var classification = status switch
        {
            // Sent with 401, but it is the account's credits that ran out, not a bad key.
            "quota_exceeded" => new ErrorClassification(ProviderErrorCategory.QuotaExhausted, IsRetryable: false),
            "invalid_api_key" or "needs_authorization" or "missing_permissions" => new ErrorClassification(ProviderErrorCategory.Authentication, IsRetryable: false),
            "voice_not_found" or "model_not_found" or "invalid_voice_settings" or "max_character_limit_exceeded" => new ErrorClassification(ProviderErrorCategory.Client, IsRetryable: false),
            _ => null,
        };
        return classification is null ? null : classification with { Code = status, Message = error.Detail?.Message };
    }
}
