using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Cohere;

/// <summary>The answer of <c>/v2/chat</c> without streaming.</summary>
internal sealed class CohereChatResponse
{
    public string Id { get; init; } = string.Empty;

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; init; }

    public CohereResponseMessage? Message { get; init; }

    public CohereUsage? Usage { get; init; }
}

internal sealed class CohereResponseMessage
{
    public string? Role { get; init; }

    public IReadOnlyList<CohereContent>? Content { get; init; }

    [JsonPropertyName("tool_plan")]
    public string? ToolPlan { get; init; }

    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<CohereToolCall>? ToolCalls { get; init; }
}

/// <summary>Usage: the billed units (what is priced) and the tokens the model saw.</summary>
internal sealed class CohereUsage
{
    [JsonPropertyName("billed_units")]
    public CohereUnits? BilledUnits { get; init; }

    public CohereUnits? Tokens { get; init; }

    [JsonPropertyName("cached_tokens")]
    public int? CachedTokens { get; init; }
}

internal sealed class CohereUnits
{
    [JsonPropertyName("input_tokens")]
    public double? InputTokens { get; init; }

    [JsonPropertyName("output_tokens")]
    public double? OutputTokens { get; init; }
}
