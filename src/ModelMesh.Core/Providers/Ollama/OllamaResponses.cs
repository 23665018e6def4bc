using ModelMesh.Cdk;

namespace ModelMesh.Providers.Ollama;

/// <summary>Maps Ollama's native responses to the OpenAI-shaped CDK types.</summary>
internal static class OllamaResponses
{
    /// <exception cref="InBandErrorException">The body is an error.</exception>
    public static ChatCompletion Completion(OllamaChatResponse response)
    {
        ThrowIfError(response.Error);
        var message = response.Message;
        var toolCalls = message?.ToolCalls is { Count: > 0 } calls
            ? calls.Select(c => new ChatToolCall
            {
                Id = c.Id ?? NewCallId(),
                Function = new FunctionCall { Name = c.Function.Name, Arguments = Arguments(c.Function) },
            }).ToArray()
            : null;
        return new ChatCompletion
        {
            Id = NewCompletionId(),
            Model = response.Model,
            Created = Created(response),
            Choices =
            [
                new ChatChoice
                {
                    Message = new ChatMessage
                    {
                        Role = ChatRole.Assistant,
                        Content = toolCalls is not null && string.IsNullOrEmpty(message?.Content) ? null : message?.Content ?? string.Empty,
                        ReasoningContent = string.IsNullOrEmpty(message?.Thinking) ? null : message.Thinking,
                        ToolCalls = toolCalls,
                    },
                    FinishReason = toolCalls is not null && response.DoneReason is null or "stop" ? FinishReason.ToolCalls : Finish(response.DoneReason),
                },
            ],
            Usage = Usage(response),
        };
    }

    /// <summary>
    /// One NDJSON line as a chunk. The line with <c>done: true</c> carries the finish reason and the usage, and ends
    /// the stream. A tool call arrives whole in one line, with its arguments as an object; the <c>done</c> line does not
    /// say tools were called, so the stream remembers it and ends with <c>tool_calls</c>, as a whole answer does.
    /// </summary>
    /// <exception cref="InBandErrorException">The line is an error.</exception>
    public static ChatCompletionChunk Chunk(OllamaChatResponse line, OllamaStreamState state)
    {
        ThrowIfError(line.Error);
        var message = line.Message;
        state.CalledTools |= message?.ToolCalls is { Count: > 0 };
        return new ChatCompletionChunk
        {
            Model = line.Model,
            Created = Created(line),
            Usage = line.Done ? Usage(line) : null,
            Choices =
            [
                new ChatChunkChoice(new ChatDelta
                {
                    Role = message?.Role,
                    Content = string.IsNullOrEmpty(message?.Content) ? null : message.Content,
                    ReasoningContent = string.IsNullOrEmpty(message?.Thinking) ? null : message.Thinking,
                    // Without Ollama's index, a fresh id keeps each whole call apart in the accumulated answer.
                    ToolCalls = message?.ToolCalls is { Count: > 0 } calls
                        ? calls.Select(c => new ChatToolCallDelta
                        {
                            Index = c.Function.Index,
                            Id = c.Id ?? NewCallId(),
                            Type = "function",
                            Function = new FunctionCallDelta { Name = c.Function.Name, Arguments = Arguments(c.Function) },
                        }).ToArray()
                        : null,
                })
                {
                    FinishReason = !line.Done ? null : state.CalledTools && line.DoneReason is null or "stop" ? FinishReason.ToolCalls : Finish(line.DoneReason),
                },
            ],
        };
    }

    /// <exception cref="InBandErrorException">The body is an error.</exception>
    /// <exception cref="InvalidDataException">The number of vectors is not the number of inputs.</exception>
    public static EmbeddingResponse Embeddings(OllamaEmbedResponse response, EmbeddingRequest request)
    {
        ThrowIfError(response.Error);
        if (response.Embeddings.Count != request.Input.Count)
        {
            throw new InvalidDataException($"Ollama returned {response.Embeddings.Count} embeddings for {request.Input.Count} inputs.");
        }
        var encoding = string.Equals(request.EncodingFormat, "base64", StringComparison.OrdinalIgnoreCase) ? EmbeddingEncoding.Base64 : EmbeddingEncoding.Float;
        var tokens = response.PromptEvalCount ?? 0;
        return new EmbeddingResponse
        {
            Model = response.Model,
            Data = response.Embeddings.Select((vector, i) => new Embedding { Index = i, Vector = new EmbeddingVector(vector, encoding) }).ToArray(),
            Usage = new EmbeddingUsage { PromptTokens = tokens, TotalTokens = tokens },
        };
    }

    public static ModelList Models(OllamaTagsResponse response) => new()
    {
        Data = response.Models.Select(m => new ModelListEntry
        {
            Id = m.Name,
            Created = m.ModifiedAt?.ToUnixTimeSeconds() ?? 0,
            OwnedBy = "ollama",
        }).ToArray(),
    };

    private static void ThrowIfError(string? error)
    {
        if (error is not null)
        {
            throw new InBandErrorException(); // the whole line or body, {"error": "..."}, is classified
        }
    }

    /// <summary>Ollama's <c>done_reason</c>: <c>length</c> is the token limit; <c>stop</c>, <c>load</c> and <c>unload</c> end normally.</summary>
    private static string Finish(string? doneReason) => doneReason == "length" ? FinishReason.Length : FinishReason.Stop;

    private static Usage? Usage(OllamaChatResponse response) =>
        response.PromptEvalCount is null && response.EvalCount is null ? null : new Usage(response.PromptEvalCount ?? 0, response.EvalCount ?? 0);

    private static string Arguments(OllamaFunctionCall function) => function.Arguments?.GetRawText() ?? "{}";

    private static long Created(OllamaChatResponse response) => (response.CreatedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();

    private static string NewCompletionId() => "chatcmpl-" + Guid.NewGuid().ToString("N");

    private static string NewCallId() => "call_" + Guid.NewGuid().ToString("N")[..24];
}
