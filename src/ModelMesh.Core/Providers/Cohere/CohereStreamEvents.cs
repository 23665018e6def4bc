using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Cohere;

/// <summary><c>event: message-start</c>: the response id. (Its empty <c>content</c> and <c>tool_calls</c> are arrays, unlike later events'.)</summary>
internal sealed class CohereMessageStart
{
    public string? Id { get; init; }
}

/// <summary>
/// The events that carry output — <c>content-delta</c>, <c>tool-plan-delta</c>, <c>tool-call-start</c>,
/// <c>tool-call-delta</c> — and <c>message-end</c>: one shape, where <c>delta.message.content</c> and
/// <c>delta.message.tool_calls</c> are single objects.
/// </summary>
internal sealed class CohereStreamEvent
{
    public int? Index { get; init; }

    public CohereStreamDelta? Delta { get; init; }
}

internal sealed class CohereStreamDelta
{
    public CohereStreamMessage? Message { get; init; }

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; init; }

    public CohereUsage? Usage { get; init; }
}

internal sealed class CohereStreamMessage
{
    public CohereContent? Content { get; init; }

    [JsonPropertyName("tool_plan")]
    public string? ToolPlan { get; init; }

    [JsonPropertyName("tool_calls")]
    public CohereToolCall? ToolCalls { get; init; }
}
