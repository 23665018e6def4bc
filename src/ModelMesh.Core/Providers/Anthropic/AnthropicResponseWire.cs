using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Anthropic;

// Read-side records: every member is optional, so a field the API drops or adds never fails a parse; the mapping
// decides what a missing one means.

/// <summary>A message: the whole answer, and the <c>message</c> of a <c>message_start</c> event.</summary>
internal sealed class AnthropicResponse
{
    public string? Id { get; init; }

    public string? Model { get; init; }

    public List<AnthropicResponseBlock>? Content { get; init; }

    [JsonPropertyName("stop_reason")]
    public string? StopReason { get; init; }

    public AnthropicUsage? Usage { get; init; }
}

/// <summary>A response content block: <c>text</c>, <c>thinking</c>, <c>redacted_thinking</c>, <c>tool_use</c>, …</summary>
internal sealed class AnthropicResponseBlock
{
    public string? Type { get; init; }

    public string? Text { get; init; }

    public string? Thinking { get; init; }

    /// <summary>A thinking block's signature (whole in an answer; empty at a stream's block start).</summary>
    public string? Signature { get; init; }

    /// <summary>A redacted_thinking block's encrypted thinking.</summary>
    public string? Data { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }

    public JsonElement? Input { get; init; }
}

/// <summary>
/// Token counts. <c>input_tokens</c> excludes the prompt tokens written to or read from the cache, which are
/// counted apart; <c>message_delta</c> events repeat the counts so far.
/// </summary>
internal sealed class AnthropicUsage
{
    [JsonPropertyName("input_tokens")]
    public int? InputTokens { get; init; }

    [JsonPropertyName("output_tokens")]
    public int? OutputTokens { get; init; }

    [JsonPropertyName("cache_creation_input_tokens")]
    public int? CacheCreationInputTokens { get; init; }

    [JsonPropertyName("cache_read_input_tokens")]
    public int? CacheReadInputTokens { get; init; }
}
