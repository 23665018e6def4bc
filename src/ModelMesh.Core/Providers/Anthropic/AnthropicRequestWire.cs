using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Anthropic;

/// <summary>The body of <c>POST /v1/messages</c>.</summary>
internal sealed class AnthropicRequest
{
    public required string Model { get; init; }

    /// <summary>Always sent: the Messages API requires it.</summary>
    [JsonPropertyName("max_tokens")]
    public required int MaxTokens { get; init; }

    /// <summary>
    /// System and developer messages as text blocks: the API takes them at the top level, not in <c>messages</c>, and
    /// the block form is the one that can carry <c>cache_control</c>.
    /// </summary>
    public List<AnthropicContentBlock>? System { get; init; }

    public required List<AnthropicMessage> Messages { get; init; }

    [JsonPropertyName("stop_sequences")]
    public IReadOnlyList<string>? StopSequences { get; init; }

    public bool? Stream { get; init; }

    public double? Temperature { get; init; }

    [JsonPropertyName("top_p")]
    public double? TopP { get; init; }

    public List<AnthropicTool>? Tools { get; init; }

    [JsonPropertyName("tool_choice")]
    public AnthropicToolChoice? ToolChoice { get; init; }

    public AnthropicThinking? Thinking { get; init; }

    public AnthropicMetadata? Metadata { get; init; }
}

/// <summary>One turn: <c>user</c> or <c>assistant</c>, with content blocks.</summary>
internal sealed class AnthropicMessage
{
    public required string Role { get; init; }

    public required List<AnthropicContentBlock> Content { get; init; }
}

/// <summary>A request content block: <c>text</c>, <c>image</c>, <c>tool_use</c>, <c>tool_result</c>, <c>thinking</c> or <c>redacted_thinking</c>.</summary>
internal sealed class AnthropicContentBlock
{
    public required string Type { get; init; }

    public string? Text { get; init; }

    /// <summary>A thinking block sent back: its text and signature exactly as received.</summary>
    public string? Thinking { get; init; }

    public string? Signature { get; init; }

    /// <summary>A redacted_thinking block sent back: its encrypted data.</summary>
    public string? Data { get; init; }

    public AnthropicImageSource? Source { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>A tool call's arguments, as a JSON object.</summary>
    public JsonElement? Input { get; init; }

    [JsonPropertyName("tool_use_id")]
    public string? ToolUseId { get; init; }

    /// <summary>A tool result's content (text and image blocks).</summary>
    public List<AnthropicContentBlock>? Content { get; init; }

    /// <summary>Prompt caching: the caller's <c>cache_control</c> (for example <c>{"type":"ephemeral"}</c>), passed as given.</summary>
    [JsonPropertyName("cache_control")]
    public JsonElement? CacheControl { get; set; }
}

/// <summary>Where an image comes from: <c>base64</c> data with its media type, or a <c>url</c>.</summary>
internal sealed class AnthropicImageSource
{
    public required string Type { get; init; }

    [JsonPropertyName("media_type")]
    public string? MediaType { get; init; }

    public string? Data { get; init; }

    public string? Url { get; init; }
}

/// <summary>A client tool: name, description and the JSON Schema of its input.</summary>
internal sealed class AnthropicTool
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    [JsonPropertyName("input_schema")]
    public required JsonElement InputSchema { get; init; }

    /// <summary>Prompt caching of the tool definitions up to this one, as the caller set it on the tool.</summary>
    [JsonPropertyName("cache_control")]
    public JsonElement? CacheControl { get; init; }
}

/// <summary><c>auto</c>, <c>any</c>, <c>none</c> or <c>tool</c> (with a name).</summary>
internal sealed class AnthropicToolChoice
{
    public required string Type { get; init; }

    public string? Name { get; init; }

    [JsonPropertyName("disable_parallel_tool_use")]
    public bool? DisableParallelToolUse { get; init; }
}

/// <summary>Extended thinking: <c>{"type":"enabled","budget_tokens":N}</c>.</summary>
internal sealed class AnthropicThinking
{
    public required string Type { get; init; }

    [JsonPropertyName("budget_tokens")]
    public required int BudgetTokens { get; init; }
}

/// <summary>Request metadata: an opaque end-user id.</summary>
internal sealed class AnthropicMetadata
{
    [JsonPropertyName("user_id")]
    public required string UserId { get; init; }
}
