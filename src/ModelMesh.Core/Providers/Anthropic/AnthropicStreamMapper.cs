using System.Text.Json;

namespace ModelMesh.Providers.Anthropic;

/// <summary>Maps the Messages API's named stream events to OpenAI-shaped chunks, with the stream's state.</summary>
internal static class AnthropicStreamMapper
{
    /// <summary><c>message_start</c>: remembers id, model and input usage; the role chunk opens the answer.</summary>
    public static ChatCompletionChunk Start(MessageStartEvent e, AnthropicStreamState state, TimeProvider clock)
    {
        state.Id = e.Message?.Id ?? string.Empty;
        state.Model = e.Message?.Model ?? string.Empty;
        state.Created = clock.GetUtcNow().ToUnixTimeSeconds();
        state.StartUsage = e.Message?.Usage;
        return Chunk(state, new ChatDelta { Role = ChatRole.Assistant });
    }

    /// <summary><c>content_block_start</c>: a tool_use block is the first fragment of a tool call (id and name); other blocks start empty.</summary>
    public static ChatCompletionChunk? BlockStart(ContentBlockStartEvent e, AnthropicStreamState state)
    {
        var block = e.ContentBlock;
        switch (block?.Type)
        {
            case "tool_use":
                var toolIndex = state.ToolCallByBlock.Count;
                state.ToolCallByBlock[e.Index] = toolIndex;
                // The input starts as {} and arrives in input_json_delta fragments; one already filled in is sent whole.
                var arguments = block.Input is { ValueKind: JsonValueKind.Object } input && input.EnumerateObject().Any() ? input.GetRawText() : string.Empty;
                return ToolCall(state, toolIndex, block.Id, block.Name, arguments);
            case "text" when !string.IsNullOrEmpty(block.Text):
                return Chunk(state, new ChatDelta { Content = block.Text });
            case "thinking":
                var open = new OpenThinkingBlock { Signature = string.IsNullOrEmpty(block.Signature) ? null : block.Signature };
                open.Thinking.Append(block.Thinking);
                state.ThinkingByBlock[e.Index] = open;
                return string.IsNullOrEmpty(block.Thinking) ? null : Chunk(state, new ChatDelta { ReasoningContent = block.Thinking });
            case "redacted_thinking":
                // Nothing readable, and nothing more will come for it: the block goes out whole now.
                return Chunk(state, new ChatDelta { ThinkingBlocks = [new ThinkingBlock { Type = ThinkingBlock.RedactedThinkingType, Data = block.Data }] });
            default:
                return null;
        }
    }

    /// <summary><c>content_block_stop</c>: a thinking block goes out whole with its signature, to be sent back next turn; other blocks end silently.</summary>
    public static ChatCompletionChunk? BlockStop(ContentBlockStopEvent e, AnthropicStreamState state)
    {
        if (!state.ThinkingByBlock.Remove(e.Index, out var open))
        {
            return null;
        }
        var block = new ThinkingBlock { Type = ThinkingBlock.ThinkingType, Thinking = open.Thinking.ToString(), Signature = open.Signature };
        return Chunk(state, new ChatDelta { ThinkingBlocks = [block] });
    }

    /// <summary><c>content_block_delta</c>: text, thinking (as reasoning) or a fragment of a tool call's arguments.</summary>
    public static ChatCompletionChunk? BlockDelta(in BlockDelta delta, AnthropicStreamState state)
    {
        switch (delta.Kind)
        {
            case BlockDeltaKind.TextDelta when !string.IsNullOrEmpty(delta.Text):
                return Chunk(state, new ChatDelta { Content = delta.Text });
            case BlockDeltaKind.ThinkingDelta when !string.IsNullOrEmpty(delta.Thinking):
                if (state.ThinkingByBlock.TryGetValue(delta.Index, out var thinking))
                {
                    thinking.Thinking.Append(delta.Thinking);
                }
                return Chunk(state, new ChatDelta { ReasoningContent = delta.Thinking });
            case BlockDeltaKind.SignatureDelta when state.ThinkingByBlock.TryGetValue(delta.Index, out var signed):
                signed.Signature = (signed.Signature ?? string.Empty) + delta.Signature;
                return null;
            case BlockDeltaKind.InputJsonDelta when !string.IsNullOrEmpty(delta.PartialJson) && state.ToolCallByBlock.TryGetValue(delta.Index, out var toolIndex):
                return ToolCall(state, toolIndex, null, null, delta.PartialJson);
            default:
                // Empty fragments and kinds added later carry nothing to show.
                return null;
        }
    }

    /// <summary><c>message_delta</c>: the finish reason and the whole usage (input from <c>message_start</c> when not repeated).</summary>
    public static ChatCompletionChunk Finish(MessageDeltaEvent e, AnthropicStreamState state)
    {
        var chunk = Chunk(state, new ChatDelta(), AnthropicResponseMapper.FinishReasonOf(e.Delta?.StopReason) ?? FinishReason.Stop);
        chunk.Usage = AnthropicResponseMapper.UsageOf(e.Usage, state.StartUsage);
        return chunk;
    }

    private static ChatCompletionChunk ToolCall(AnthropicStreamState state, int index, string? id, string? name, string arguments) =>
        Chunk(state, new ChatDelta
        {
            ToolCalls =
            [
                new ChatToolCallDelta
                {
                    Index = index,
                    Id = id,
                    Type = id is null ? null : "function",
                    Function = new FunctionCallDelta { Name = name, Arguments = arguments },
                },
            ],
        });

    private static ChatCompletionChunk Chunk(AnthropicStreamState state, ChatDelta delta, string? finishReason = null) => new()
    {
        Id = state.Id,
        Model = state.Model,
        Created = state.Created,
        Choices = [new ChatChunkChoice(delta) { Index = 0, FinishReason = finishReason }],
    };
}
