using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Anthropic;

/// <summary><c>message_start</c>: the message's id, model and input usage, with no content yet.</summary>
internal sealed class MessageStartEvent
{
    public AnthropicResponse? Message { get; init; }
}

/// <summary><c>content_block_start</c>: a block begins at <see cref="Index"/> (text, thinking and tool blocks share the numbering).</summary>
internal sealed class ContentBlockStartEvent
{
    public int Index { get; init; }

    [JsonPropertyName("content_block")]
    public AnthropicResponseBlock? ContentBlock { get; init; }
}

/// <summary><c>content_block_delta</c>: more of the block at <see cref="Index"/>.</summary>
internal sealed class ContentBlockDeltaEvent
{
    public int Index { get; init; }

    public AnthropicBlockDelta? Delta { get; init; }
}

/// <summary><c>text_delta</c>, <c>input_json_delta</c> (a fragment of a tool call's input), <c>thinking_delta</c>, <c>signature_delta</c>, …</summary>
internal sealed class AnthropicBlockDelta
{
    public string? Type { get; init; }

    public string? Text { get; init; }

    [JsonPropertyName("partial_json")]
    public string? PartialJson { get; init; }

    public string? Thinking { get; init; }

    /// <summary>A <c>signature_delta</c>'s signature for the thinking block, sent before the block stops.</summary>
    public string? Signature { get; init; }
}

/// <summary><c>content_block_stop</c>: the block at <see cref="Index"/> is complete.</summary>
internal sealed class ContentBlockStopEvent
{
    public int Index { get; init; }
}

/// <summary><c>message_delta</c>: the stop reason and the usage so far (output tokens at least).</summary>
internal sealed class MessageDeltaEvent
{
    public MessageDeltaBody? Delta { get; init; }

    public AnthropicUsage? Usage { get; init; }
}

/// <summary>The message-level fields a <c>message_delta</c> changes.</summary>
internal sealed class MessageDeltaBody
{
    [JsonPropertyName("stop_reason")]
    public string? StopReason { get; init; }
}
