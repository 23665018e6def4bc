using ModelMesh.Cdk;

namespace ModelMesh.Providers.Cohere;

/// <summary>Maps Cohere's v2 responses and stream events to the OpenAI-shaped CDK types.</summary>
internal static class CohereResponses
{
    /// <exception cref="InBandErrorException">The answer finished with <c>ERROR</c> or <c>TIMEOUT</c>.</exception>
    public static ChatCompletion Completion(CohereChatResponse response)
    {
        var message = response.Message;
        var parts = message?.Content ?? [];
        var text = string.Concat(parts.Where(p => p.Type == "text").Select(p => p.Text));
        var thinking = string.Concat(parts.Where(p => p.Type == "thinking").Select(p => p.Thinking)) + (message?.ToolPlan ?? string.Empty);
        var calls = message?.ToolCalls is { Count: > 0 } toolCalls
            ? toolCalls.Select(c => new ChatToolCall { Id = c.Id ?? string.Empty, Function = new FunctionCall { Name = c.Function?.Name ?? string.Empty, Arguments = c.Function?.Arguments ?? "{}" } }).ToArray()
            : null;
        return new ChatCompletion
        {
            Id = response.Id,
            Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Choices =
            [
                new ChatChoice
                {
                    Message = new ChatMessage
                    {
                        Role = ChatRole.Assistant,
                        Content = calls is not null && text.Length == 0 ? null : text,
                        ReasoningContent = thinking.Length == 0 ? null : thinking,
                        ToolCalls = calls,
                    },
                    FinishReason = Finish(response.FinishReason),
                },
            ],
            Usage = Usage(response.Usage),
        };
    }

    public static ChatCompletionChunk Start(CohereMessageStart start) =>
        WithDelta(start.Id ?? string.Empty, new ChatDelta { Role = ChatRole.Assistant });

    /// <summary>Text, or (from reasoning models) thinking.</summary>
    public static ChatCompletionChunk? Content(CohereStreamEvent e) => e.Delta?.Message?.Content is { } content
        ? WithDelta(string.Empty, new ChatDelta
        {
            Content = string.IsNullOrEmpty(content.Text) ? null : content.Text,
            ReasoningContent = string.IsNullOrEmpty(content.Thinking) ? null : content.Thinking,
        })
        : null;

    /// <summary>The plan the model writes before its tool calls: reasoning, not answer text.</summary>
    public static ChatCompletionChunk? ToolPlan(CohereStreamEvent e) =>
        e.Delta?.Message?.ToolPlan is { Length: > 0 } plan ? WithDelta(string.Empty, new ChatDelta { ReasoningContent = plan }) : null;

    /// <summary><c>tool-call-start</c> (id, name, empty arguments) and <c>tool-call-delta</c> (more arguments), joined by the event's index.</summary>
    public static ChatCompletionChunk? ToolCall(CohereStreamEvent e) => e.Delta?.Message?.ToolCalls is { } call
        ? WithDelta(string.Empty, new ChatDelta
        {
            ToolCalls =
            [
                new ChatToolCallDelta
                {
                    Index = e.Index ?? 0,
                    Id = call.Id,
                    Type = call.Id is null ? null : call.Type,
                    Function = new FunctionCallDelta { Name = call.Function?.Name, Arguments = call.Function?.Arguments },
                },
            ],
        })
        : null;

    /// <exception cref="InBandErrorException">The stream finished with <c>ERROR</c> or <c>TIMEOUT</c>.</exception>
    public static ChatCompletionChunk End(CohereStreamEvent e) =>
        ChatCompletionChunk.FromText(string.Empty, string.Empty, null, Finish(e.Delta?.FinishReason), Usage(e.Delta?.Usage));

    public static EmbeddingResponse Embeddings(CohereEmbedResponse response, EmbeddingRequest request)
    {
        var vectors = response.Embeddings?.Float
            ?? throw new InvalidDataException("Cohere's embed response has no float embeddings.");
        if (vectors.Count != request.Input.Count)
        {
            throw new InvalidDataException($"Cohere returned {vectors.Count} embeddings for {request.Input.Count} inputs.");
        }
        var encoding = string.Equals(request.EncodingFormat, "base64", StringComparison.OrdinalIgnoreCase) ? EmbeddingEncoding.Base64 : EmbeddingEncoding.Float;
        var tokens = (int)(response.Meta?.BilledUnits?.InputTokens ?? 0);
        return new EmbeddingResponse
        {
            Model = request.Model,
            Data = vectors.Select((vector, i) => new Embedding { Index = i, Vector = new EmbeddingVector(vector, encoding) }).ToArray(),
            Usage = new EmbeddingUsage { PromptTokens = tokens, TotalTokens = tokens },
        };
    }

    public static ModelList Models(CohereModelsResponse response) => new()
    {
        Data = response.Models.Select(m => new ModelListEntry { Id = m.Name, OwnedBy = "cohere" }).ToArray(),
    };

    /// <summary>
    /// Cohere's finish reasons; <c>ERROR</c> and <c>TIMEOUT</c> mean the generation failed, which is an upstream
    /// error (the event or body is classified), not an answer.
    /// </summary>
    private static string Finish(string? reason) => reason switch
    {
        "MAX_TOKENS" => FinishReason.Length,
        "TOOL_CALL" => FinishReason.ToolCalls,
        "ERROR" or "TIMEOUT" => throw new InBandErrorException(),
        _ => FinishReason.Stop, // COMPLETE, STOP_SEQUENCE
    };

    /// <summary>The billed units are what Cohere prices; the model's token counts stand in where a field is not billed.</summary>
    private static Usage? Usage(CohereUsage? usage)
    {
        if (usage is null)
        {
            return null;
        }
        var prompt = (int)(usage.BilledUnits?.InputTokens ?? usage.Tokens?.InputTokens ?? 0);
        var completion = (int)(usage.BilledUnits?.OutputTokens ?? usage.Tokens?.OutputTokens ?? 0);
        return new Usage(prompt, completion)
        {
            PromptTokensDetails = usage.CachedTokens is int cached ? new PromptTokensDetails { CachedTokens = cached } : null,
        };
    }

    private static ChatCompletionChunk WithDelta(string id, ChatDelta delta) => new()
    {
        Id = id,
        Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Choices = [new ChatChunkChoice(delta) { Index = 0 }],
    };
}
