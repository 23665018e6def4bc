using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh;

/// <summary>
/// A block of a model's extended thinking as the upstream signed it (Anthropic's <c>thinking</c> and
/// <c>redacted_thinking</c> blocks), carried in <c>thinking_blocks</c> as LiteLLM does. Send an assistant message's
/// blocks back unchanged with the next turn: Anthropic requires the signed thinking of a turn that called tools when
/// its results are sent, and refuses a block whose text or signature was altered.
/// </summary>
public sealed class ThinkingBlock
{
    /// <summary>The block kind for readable thinking.</summary>
    public const string ThinkingType = "thinking";

    /// <summary>The block kind for thinking the upstream encrypted (<see cref="Data"/>, no text).</summary>
    public const string RedactedThinkingType = "redacted_thinking";

    /// <summary><see cref="ThinkingType"/> or <see cref="RedactedThinkingType"/>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = ThinkingType;

    /// <summary>The thinking text (for <see cref="ThinkingType"/>); the same text also arrives as reasoning.</summary>
    [JsonPropertyName("thinking")]
    public string? Thinking { get; set; }

    /// <summary>The upstream's signature over <see cref="Thinking"/>, opaque.</summary>
    [JsonPropertyName("signature")]
    public string? Signature { get; set; }

    /// <summary>The encrypted thinking of a <see cref="RedactedThinkingType"/> block, opaque.</summary>
    [JsonPropertyName("data")]
    public string? Data { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
