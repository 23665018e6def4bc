namespace ModelMesh.Providers.Anthropic;

/// <summary>What a <c>content_block_delta</c> adds to its block: the <c>delta</c> object's type.</summary>
internal enum BlockDeltaKind
{
    /// <summary>No delta object, or a type this connector does not map (also a kind added later).</summary>
    Other,
    TextDelta,
    ThinkingDelta,
    SignatureDelta,
    InputJsonDelta,
}

/// <summary>One <c>content_block_delta</c> event as read: the block index, the delta's kind and its strings.</summary>
internal readonly record struct BlockDelta(int Index, BlockDeltaKind Kind, string? Text, string? PartialJson, string? Thinking, string? Signature);
