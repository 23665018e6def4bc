using System.Text.Json;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.AI;

/// <summary>Mesh completions, usage, finish reasons and tool calls to their M.E.AI forms.</summary>
internal static class ChatResponseMapper
{
    /// <summary>The response for a completion; <paramref name="answeredBy"/> is the mesh model that answered.</summary>
    /// <remarks>Only the first choice is mapped: M.E.AI's response is one assistant turn.</remarks>
    public static Meai.ChatResponse ToResponse(ChatCompletion completion, string? answeredBy)
    {
        var choice = completion.Choices.Count > 0 ? completion.Choices[0] : null;
        var contents = new List<Meai.AIContent>();
        if (choice is not null)
        {
            var message = choice.Message;
            if (message.ThinkingBlocks is { Count: > 0 } blocks)
            {
                // Signed blocks carry the reasoning text themselves, each with its signature.
                contents.AddRange(blocks.Select(ThinkingBlockMapper.ToContent));
            }
            else if (message.ReasoningContent is { Length: > 0 } reasoning)
            {
                contents.Add(new Meai.TextReasoningContent(reasoning));
            }
            if (message.Text is { Length: > 0 } text)
            {
                contents.Add(new Meai.TextContent(text));
            }
            if (message.Refusal is { Length: > 0 } refusal)
            {
                contents.Add(new Meai.ErrorContent(refusal) { ErrorCode = "refusal" });
            }
            foreach (var call in message.ToolCalls ?? [])
            {
                contents.Add(ToFunctionCall(call.Id, call.Function.Name, call.Function.Arguments));
            }
        }
        var reply = new Meai.ChatMessage(Meai.ChatRole.Assistant, contents)
        {
            MessageId = completion.Id,
            RawRepresentation = choice?.Message,
            CreatedAt = CreatedAt(completion.Created),
        };
        return new Meai.ChatResponse(reply)
        {
            ResponseId = completion.Id,
            ModelId = answeredBy ?? completion.Model,
            CreatedAt = CreatedAt(completion.Created),
            FinishReason = ToFinishReason(choice?.FinishReason),
            Usage = ToUsage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    /// <summary>A tool call with its arguments parsed; arguments that are not a JSON object are kept and the error recorded, as M.E.AI does.</summary>
    public static Meai.FunctionCallContent ToFunctionCall(string id, string name, string arguments)
    {
        var call = Meai.FunctionCallContent.CreateFromParsedArguments(arguments, id, name, ParseArguments);
        call.RawRepresentation ??= arguments;
        return call;
    }

    /// <summary>An object's members as JSON elements; an empty text is a call without arguments.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    private static IDictionary<string, object?>? ParseArguments(string arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }
        using var document = JsonDocument.Parse(arguments);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Function arguments must be a JSON object; got a {document.RootElement.ValueKind}.");
        }
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.Clone();
        }
        return values;
    }

    /// <summary>The finish reason; one the API does not define keeps its name.</summary>
    public static Meai.ChatFinishReason? ToFinishReason(string? reason) => reason switch
    {
        null or "" => null,
        FinishReason.Stop => Meai.ChatFinishReason.Stop,
        FinishReason.Length => Meai.ChatFinishReason.Length,
        FinishReason.ToolCalls or FinishReason.FunctionCall => Meai.ChatFinishReason.ToolCalls,
        FinishReason.ContentFilter => Meai.ChatFinishReason.ContentFilter,
        _ => new Meai.ChatFinishReason(reason),
    };

    /// <summary>
    /// Usage with input, output and total counts; cached prompt tokens and reasoning tokens both as M.E.AI's own
    /// properties and, under the names Microsoft.Extensions.AI.OpenAI uses, in <see cref="Meai.UsageDetails.AdditionalCounts"/>
    /// with the other breakdowns.
    /// </summary>
    public static Meai.UsageDetails? ToUsage(Usage? usage)
    {
        if (usage is null)
        {
            return null;
        }
        var details = new Meai.UsageDetails
        {
            InputTokenCount = usage.PromptTokens,
            OutputTokenCount = usage.CompletionTokens,
            TotalTokenCount = usage.TotalTokens != 0 ? usage.TotalTokens : usage.PromptTokens + usage.CompletionTokens,
            CachedInputTokenCount = usage.PromptTokensDetails?.CachedTokens,
            ReasoningTokenCount = usage.CompletionTokensDetails?.ReasoningTokens,
        };
        var counts = new Meai.AdditionalPropertiesDictionary<long>();
        Add(counts, "InputTokenDetails.CachedTokenCount", usage.PromptTokensDetails?.CachedTokens);
        Add(counts, "InputTokenDetails.AudioTokenCount", usage.PromptTokensDetails?.AudioTokens);
        Add(counts, "OutputTokenDetails.ReasoningTokenCount", usage.CompletionTokensDetails?.ReasoningTokens);
        Add(counts, "OutputTokenDetails.AudioTokenCount", usage.CompletionTokensDetails?.AudioTokens);
        Add(counts, "OutputTokenDetails.AcceptedPredictionTokenCount", usage.CompletionTokensDetails?.AcceptedPredictionTokens);
        Add(counts, "OutputTokenDetails.RejectedPredictionTokenCount", usage.CompletionTokensDetails?.RejectedPredictionTokens);
        if (counts.Count > 0)
        {
            details.AdditionalCounts = counts;
        }
        return details;
    }

    /// <summary>Unix seconds as a time; null when the upstream sent none.</summary>
    public static DateTimeOffset? CreatedAt(long created) => created > 0 ? DateTimeOffset.FromUnixTimeSeconds(created) : null;

    private static void Add(Meai.AdditionalPropertiesDictionary<long> counts, string name, int? value)
    {
        if (value is { } count)
        {
            counts[name] = count;
        }
    }
}
