namespace ModelMesh.Providers.Anthropic;

/// <summary>
/// What the events of one stream share: <c>message_start</c>'s id, model and input usage (later events omit them),
/// and which content blocks are tool calls, numbered 0, 1, … among tool calls only (block indices count text and
/// thinking blocks too).
/// </summary>
internal sealed class AnthropicStreamState
{
    public string Id { get; set; } = string.Empty;

    public string Model { get; set; } = string.Empty;

    public long Created { get; set; }

    public AnthropicUsage? StartUsage { get; set; }

    public Dictionary<int, int> ToolCallByBlock { get; } = [];

    /// <summary>The thinking blocks still open, by block index: their text and signature so far, sent whole at their stop.</summary>
    public Dictionary<int, OpenThinkingBlock> ThinkingByBlock { get; } = [];
}

/// <summary>A thinking block being streamed: its text (also sent as reasoning deltas) and its signature.</summary>
internal sealed class OpenThinkingBlock
{
    public System.Text.StringBuilder Thinking { get; } = new();

    public string? Signature { get; set; }
}
