namespace ModelMesh.Providers.AzureOpenAI;

/// <summary>
/// Azure's content filter on answers: <c>finish_reason: content_filter</c> with part of an answer is that answer (the
/// caller sees the finish reason); with nothing at all it is an error the caller can act on, not an empty answer.
/// </summary>
internal static class AzureContentFilter
{
    /// <exception cref="AzureContentFilteredException">Every choice was withheld before any content.</exception>
    public static ChatCompletion Check(ChatCompletion completion)
    {
        if (completion.Choices.Count > 0
            && completion.Choices.All(c => c.FinishReason == FinishReason.ContentFilter && c.Message.Text.Length == 0 && c.Message.ToolCalls is not { Count: > 0 }))
        {
            throw new AzureContentFilteredException();
        }
        return completion;
    }

    /// <exception cref="AzureContentFilteredException">The stream ends with <c>content_filter</c> before it delivered any content.</exception>
    public static ChatCompletionChunk? Check(ChatCompletionChunk? chunk, AzureStreamState state)
    {
        if (chunk is null)
        {
            return null;
        }
        var content = false;
        var filtered = false;
        foreach (var choice in chunk.Choices)
        {
            var delta = choice.Delta;
            content |= !string.IsNullOrEmpty(delta.Content) || !string.IsNullOrEmpty(delta.Refusal) || !string.IsNullOrEmpty(delta.ReasoningContent)
                || !string.IsNullOrEmpty(delta.Reasoning) || delta.ToolCalls is { Count: > 0 };
            filtered |= choice.FinishReason == FinishReason.ContentFilter;
        }
        state.Delivered |= content;
        if (filtered && !state.Delivered)
        {
            throw new AzureContentFilteredException();
        }
        return chunk;
    }
}

/// <summary>What one stream has delivered so far.</summary>
internal sealed class AzureStreamState
{
    /// <summary>Whether any chunk carried content (text, refusal, reasoning or a tool call).</summary>
    public bool Delivered { get; set; }
}

/// <summary>Azure's content filter withheld the whole answer (<c>finish_reason: content_filter</c> and no content).</summary>
internal sealed class AzureContentFilteredException : Exception
{
    public AzureContentFilteredException()
        : base("Azure OpenAI's content filter withheld the answer (finish_reason 'content_filter' with no content); the choice's content_filter_results say which category.")
    {
    }
}
