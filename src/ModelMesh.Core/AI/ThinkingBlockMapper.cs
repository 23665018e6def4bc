using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.AI;

/// <summary>
/// Signed thinking (<see cref="ThinkingBlock"/>) to and from M.E.AI's <see cref="Meai.TextReasoningContent"/>: the
/// signature (or a redacted block's data) is its <see cref="Meai.TextReasoningContent.ProtectedData"/>, the block
/// itself its raw representation, so a tool loop sends the thinking back as Anthropic requires.
/// </summary>
internal static class ThinkingBlockMapper
{
    /// <summary>One reasoning content per block of a whole answer: text and signature together.</summary>
    public static Meai.TextReasoningContent ToContent(ThinkingBlock block) =>
        new(block.Thinking ?? string.Empty) { ProtectedData = block.Signature ?? block.Data, RawRepresentation = block };

    /// <summary>
    /// A streamed block's closing content: its text already went out as reasoning updates, so this carries only the
    /// signature (a whole redacted block has no text anyway).
    /// </summary>
    public static Meai.TextReasoningContent ToClosingContent(ThinkingBlock block) =>
        new(string.Empty) { ProtectedData = block.Signature ?? block.Data, RawRepresentation = block };

    /// <summary>
    /// The blocks an assistant message's reasoning contents carry, in order; null when none is signed. A content whose
    /// raw representation is the block gives it back as received. Otherwise reasoning text without protected data is
    /// collected until the protected data that closes it (a streamed block); protected data with no text is a
    /// redacted block.
    /// </summary>
    public static List<ThinkingBlock>? FromContents(IList<Meai.AIContent> contents)
    {
        List<ThinkingBlock>? blocks = null;
        System.Text.StringBuilder? pending = null;
        foreach (var content in contents)
        {
            if (content is not Meai.TextReasoningContent reasoning)
            {
                continue;
            }
            if (reasoning.RawRepresentation is ThinkingBlock original)
            {
                // The block as received (whole, or closing a streamed one): it holds its text and signature.
                (blocks ??= []).Add(original);
                pending = null;
            }
            else if (reasoning.ProtectedData is { Length: > 0 } data)
            {
                var text = reasoning.Text.Length > 0 ? reasoning.Text : pending?.ToString();
                // Rebuilt from a history that went through JSON or coalescing, where the raw block is gone.
                (blocks ??= []).Add(string.IsNullOrEmpty(text)
                    ? new ThinkingBlock { Type = ThinkingBlock.RedactedThinkingType, Data = data }
                    : new ThinkingBlock { Type = ThinkingBlock.ThinkingType, Thinking = text, Signature = data });
                pending = null;
            }
            else if (reasoning.Text.Length > 0)
            {
                (pending ??= new()).Append(reasoning.Text);
            }
        }
        return blocks;
    }
}
