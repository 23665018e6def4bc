using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Ollama;

/// <summary>
/// A response of <c>/api/chat</c>: the whole answer, or one NDJSON line of a stream (the last has <c>done: true</c>,
/// the reason and the token counts). A line or body with <c>error</c> is the upstream reporting a failure.
/// </summary>
internal sealed class OllamaChatResponse
{
    public string Model { get; init; } = string.Empty;

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    public OllamaResponseMessage? Message { get; init; }

    public bool Done { get; init; }

    [JsonPropertyName("done_reason")]
    public string? DoneReason { get; init; }

    [JsonPropertyName("prompt_eval_count")]
    public int? PromptEvalCount { get; init; }

    [JsonPropertyName("eval_count")]
    public int? EvalCount { get; init; }

    public string? Error { get; init; }
}

/// <summary>The assistant message (or its increment, in a stream).</summary>
internal sealed class OllamaResponseMessage
{
    public string? Role { get; init; }

    public string? Content { get; init; }

    public string? Thinking { get; init; }

    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<OllamaToolCall>? ToolCalls { get; init; }
}
