using System.Text.Json;

namespace ModelMesh.Providers.Google;

/// <summary>A <c>GenerateContentResponse</c>: the whole answer, or one event of a stream (each is a complete record).</summary>
internal sealed record GeminiResponse
{
    public IReadOnlyList<GeminiCandidate>? Candidates { get; init; }

    public GeminiPromptFeedback? PromptFeedback { get; init; }

    /// <summary>Cumulative on every stream event; the last one is the whole request's.</summary>
    public GeminiUsageMetadata? UsageMetadata { get; init; }

    public string? ModelVersion { get; init; }

    public string? ResponseId { get; init; }

    /// <summary>A <c>google.rpc.Status</c> sent in place of an answer (mid-stream errors), kept as it came for the classifier.</summary>
    public JsonElement? Error { get; init; }
}

internal sealed record GeminiCandidate
{
    public GeminiContent? Content { get; init; }

    /// <summary><c>STOP</c>, <c>MAX_TOKENS</c>, <c>SAFETY</c>, <c>RECITATION</c>, <c>PROHIBITED_CONTENT</c>, … (see <see cref="GeminiFinishReasons"/>).</summary>
    public string? FinishReason { get; init; }

    public int? Index { get; init; }
}

/// <summary>Set when the prompt itself was blocked: then there are no candidates.</summary>
internal sealed record GeminiPromptFeedback(string? BlockReason);

internal sealed record GeminiUsageMetadata
{
    public int? PromptTokenCount { get; init; }

    public int? CandidatesTokenCount { get; init; }

    public int? ThoughtsTokenCount { get; init; }

    public int? CachedContentTokenCount { get; init; }

    public int? ToolUsePromptTokenCount { get; init; }

    public int? TotalTokenCount { get; init; }
}
