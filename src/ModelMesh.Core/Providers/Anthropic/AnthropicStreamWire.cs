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
