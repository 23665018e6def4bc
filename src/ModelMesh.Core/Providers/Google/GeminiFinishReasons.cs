namespace ModelMesh.Providers.Google;

/// <summary>Gemini's <c>finishReason</c> and <c>blockReason</c> codes in the OpenAI vocabulary.</summary>
internal static class GeminiFinishReasons
{
    /// <summary>
    /// The OpenAI finish reason for a Gemini one, or null when the candidate is not finished. A <c>STOP</c> after
    /// function calls is <c>tool_calls</c>, as OpenAI reports it; the safety family is <c>content_filter</c>;
    /// anything else that ends a candidate (<c>OTHER</c>, <c>LANGUAGE</c>, <c>MALFORMED_FUNCTION_CALL</c>, new codes)
    /// is <c>stop</c>, so a finished stream is never mistaken for a cut one.
    /// </summary>
    public static string? ToOpenAI(string? finishReason, bool calledTools) => finishReason switch
    {
        null or "" or "FINISH_REASON_UNSPECIFIED" => null,
        "MAX_TOKENS" => FinishReason.Length,
        _ when IsContentFilter(finishReason) => FinishReason.ContentFilter,
        _ when calledTools => FinishReason.ToolCalls,
        _ => FinishReason.Stop,
    };

    /// <summary>
    /// Whether a finish reason (or a prompt's <c>blockReason</c>) means Google's filters withheld the output:
    /// safety, recitation, prohibited content, blocklist, sensitive personal information, image safety.
    /// </summary>
    public static bool IsContentFilter(string? reason) => reason is
        "SAFETY" or "RECITATION" or "PROHIBITED_CONTENT" or "BLOCKLIST" or "SPII" or "IMAGE_SAFETY" or "OTHER_BLOCK" or "IMAGE_PROHIBITED_CONTENT";
}
