using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Cohere;

/// <summary>The body of <c>POST /v2/chat</c>.</summary>
internal sealed class CohereChatRequest
{
    public required string Model { get; init; }

    public required IReadOnlyList<CohereMessage> Messages { get; init; }

    public IReadOnlyList<CohereTool>? Tools { get; init; }

    /// <summary><c>REQUIRED</c> or <c>NONE</c>; absent lets the model decide.</summary>
    [JsonPropertyName("tool_choice")]
    public string? ToolChoice { get; init; }

    public bool Stream { get; init; }

    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; init; }

    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling (OpenAI's <c>top_p</c>).</summary>
    public double? P { get; init; }

    public long? Seed { get; init; }

    [JsonPropertyName("stop_sequences")]
    public IReadOnlyList<string>? StopSequences { get; init; }

    [JsonPropertyName("frequency_penalty")]
    public double? FrequencyPenalty { get; init; }

    [JsonPropertyName("presence_penalty")]
    public double? PresencePenalty { get; init; }

    [JsonPropertyName("response_format")]
    public CohereResponseFormat? ResponseFormat { get; init; }

    public CohereThinking? Thinking { get; init; }

    /// <summary>Cohere's own fields the caller sent (<c>k</c>, <c>safety_mode</c>, <c>documents</c>, <c>citation_options</c>, …), unchanged.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>One message; content is always a list of parts (Cohere accepts it for every role).</summary>
internal sealed class CohereMessage
{
    public required string Role { get; init; }

    public IReadOnlyList<CohereContent>? Content { get; init; }

    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<CohereToolCall>? ToolCalls { get; init; }

    [JsonPropertyName("tool_plan")]
    public string? ToolPlan { get; init; }

    [JsonPropertyName("tool_call_id")]
    public string? ToolCallId { get; init; }
}

/// <summary>A content part: <c>text</c>, <c>image_url</c>, or (in answers of reasoning models) <c>thinking</c>.</summary>
internal sealed class CohereContent
{
    public string Type { get; init; } = "text";

    public string? Text { get; init; }

    public string? Thinking { get; init; }

    [JsonPropertyName("image_url")]
    public CohereImageUrl? ImageUrl { get; init; }
}

internal sealed class CohereImageUrl
{
    public required string Url { get; init; }

    public string? Detail { get; init; }
}

/// <summary>A tool call; its arguments are JSON text, as in OpenAI's shape.</summary>
internal sealed class CohereToolCall
{
    public string? Id { get; init; }

    public string Type { get; init; } = "function";

    public CohereFunctionCall? Function { get; init; }
}

internal sealed class CohereFunctionCall
{
    public string? Name { get; init; }

    public string? Arguments { get; init; }
}

internal sealed class CohereTool
{
    public string Type { get; init; } = "function";

    public required CohereFunction Function { get; init; }
}

internal sealed class CohereFunction
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public JsonElement? Parameters { get; init; }
}

/// <summary><c>{"type": "json_object"}</c>, with a <c>json_schema</c> for structured output.</summary>
internal sealed class CohereResponseFormat
{
    public string Type { get; init; } = "json_object";

    [JsonPropertyName("json_schema")]
    public JsonElement? JsonSchema { get; init; }
}

/// <summary>Reasoning for the models that reason: <c>enabled</c> or <c>disabled</c>.</summary>
internal sealed class CohereThinking
{
    public required string Type { get; init; }
}
