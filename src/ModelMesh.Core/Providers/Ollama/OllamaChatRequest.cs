using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Ollama;

/// <summary>The body of <c>POST /api/chat</c>.</summary>
internal sealed class OllamaChatRequest
{
    public required string Model { get; init; }

    public required IReadOnlyList<OllamaMessage> Messages { get; init; }

    public IReadOnlyList<OllamaTool>? Tools { get; init; }

    /// <summary><c>"json"</c> or a JSON schema.</summary>
    public JsonElement? Format { get; init; }

    public OllamaOptions? Options { get; init; }

    /// <summary>Always written: Ollama streams unless told not to.</summary>
    public bool Stream { get; init; }

    /// <summary>A duration string (<c>10m</c>) or a number of seconds (negative: keep loaded).</summary>
    [JsonPropertyName("keep_alive")]
    public JsonElement? KeepAlive { get; init; }

    /// <summary><c>true</c>/<c>false</c>, or a level (<c>low</c>, <c>medium</c>, <c>high</c>) for the models that take one.</summary>
    public JsonElement? Think { get; init; }
}

/// <summary>One message of the conversation.</summary>
internal sealed class OllamaMessage
{
    public required string Role { get; init; }

    public string Content { get; init; } = string.Empty;

    /// <summary>Base64 images (no <c>data:</c> prefix).</summary>
    public IReadOnlyList<string>? Images { get; init; }

    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<OllamaToolCall>? ToolCalls { get; init; }

    /// <summary>For a <c>tool</c> message: the function whose result it carries.</summary>
    [JsonPropertyName("tool_name")]
    public string? ToolName { get; init; }

    /// <summary>The assistant's reasoning, sent back with its earlier turns.</summary>
    public string? Thinking { get; init; }
}

/// <summary>A tool call, in a request (an earlier assistant turn) or a response.</summary>
internal sealed class OllamaToolCall
{
    public string? Id { get; init; }

    public required OllamaFunctionCall Function { get; init; }
}

/// <summary>The function of a tool call; its arguments are a JSON object, not text.</summary>
internal sealed class OllamaFunctionCall
{
    public int? Index { get; init; }

    public required string Name { get; init; }

    public JsonElement? Arguments { get; init; }
}

/// <summary>A tool the model may call.</summary>
internal sealed class OllamaTool
{
    public string Type { get; init; } = "function";

    public required OllamaFunction Function { get; init; }
}

/// <summary>A function definition.</summary>
internal sealed class OllamaFunction
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public JsonElement? Parameters { get; init; }
}

/// <summary>
/// The model options (Ollama's <c>options</c>): the OpenAI sampling fields under Ollama's names, then every other
/// field the caller sent (<c>num_ctx</c>, <c>top_k</c>, <c>repeat_penalty</c>, …), unchanged.
/// </summary>
internal sealed class OllamaOptions
{
    public double? Temperature { get; init; }

    [JsonPropertyName("top_p")]
    public double? TopP { get; init; }

    public long? Seed { get; init; }

    public IReadOnlyList<string>? Stop { get; init; }

    [JsonPropertyName("num_predict")]
    public int? NumPredict { get; init; }

    [JsonPropertyName("frequency_penalty")]
    public double? FrequencyPenalty { get; init; }

    [JsonPropertyName("presence_penalty")]
    public double? PresencePenalty { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Temperature is null && TopP is null && Seed is null && Stop is null && NumPredict is null
        && FrequencyPenalty is null && PresencePenalty is null && Extra is not { Count: > 0 };
}
