using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Google;

/// <summary>
/// Gemini candidates as OpenAI choices: text parts are content, <c>thought</c> parts reasoning, <c>functionCall</c>
/// parts complete tool calls (arguments as the JSON text of <c>args</c>, the thought signature kept in
/// <c>extra_content.google.thought_signature</c>), <c>usageMetadata</c> usage with thinking tokens as reasoning tokens.
/// </summary>
internal static class GeminiResponseMapper
{
    public static ChatCompletion ToCompletion(GeminiResponse response, long created)
    {
        if (BlockedPrompt(response) is { } blocked)
        {
            throw blocked;
        }
        var candidates = response.Candidates ?? [];
        if (candidates.Count == 0)
        {
            throw new InvalidDataException("The Gemini response has no candidates and no promptFeedback.blockReason.");
        }
        var choices = new ChatChoice[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            var candidate = candidates[c];
            var (text, reasoning, calls) = Split(candidate.Content?.Parts, id: i => "call_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            choices[c] = new ChatChoice
            {
                Index = candidate.Index ?? c,
                Message = new ChatMessage
                {
                    Role = ChatRole.Assistant,
                    Content = text ?? (calls is null ? string.Empty : null),
                    ReasoningContent = reasoning,
                    ToolCalls = calls?.Select(ToToolCall).ToArray(),
                },
                FinishReason = GeminiFinishReasons.ToOpenAI(candidate.FinishReason, calls is not null) ?? FinishReason.Stop,
            };
        }
        // Filtered before anything was generated: an error the caller can act on, not an empty answer.
        if (choices.All(c => c.FinishReason == FinishReason.ContentFilter && c.Message.Text.Length == 0 && c.Message.ToolCalls is null))
        {
            throw new GeminiContentBlockedException(candidates[0].FinishReason!, promptBlocked: false);
        }
        return new ChatCompletion
        {
            Id = response.ResponseId ?? string.Empty,
            Model = response.ModelVersion ?? string.Empty,
            Created = created,
            Choices = choices,
            Usage = ToUsage(response.UsageMetadata),
        };
    }

    /// <summary>
    /// One stream event as a chunk. Each event is a complete response holding the next parts; usage (cumulative on
    /// every event) is passed on only with the finishing event, so it is counted once. A call without a Gemini id gets a
    /// random one (hooks see one event at a time, so a counter could repeat across events) and no index, so the calls of
    /// different events never merge.
    /// </summary>
    public static ChatCompletionChunk ToChunk(GeminiResponse response, long created)
    {
        if (BlockedPrompt(response) is { } blocked)
        {
            throw blocked;
        }
        var candidates = response.Candidates ?? [];
        var choices = new ChatChunkChoice[candidates.Count];
        var finished = false;
        for (var c = 0; c < candidates.Count; c++)
        {
            var candidate = candidates[c];
            var (text, reasoning, calls) = Split(candidate.Content?.Parts, id: _ => RandomId());
            var finish = GeminiFinishReasons.ToOpenAI(candidate.FinishReason, calls is not null);
            finished |= finish is not null;
            choices[c] = new ChatChunkChoice(new ChatDelta
            {
                Role = ChatRole.Assistant,
                Content = text,
                ReasoningContent = reasoning,
                ToolCalls = calls?.Select(call => new ChatToolCallDelta
                {
                    Id = call.Id,
                    Type = "function",
                    Function = new FunctionCallDelta { Name = call.Name, Arguments = call.Arguments },
                    AdditionalProperties = ExtraContent(call.ThoughtSignature),
                }).ToArray(),
            })
            {
                Index = candidate.Index ?? c,
                FinishReason = finish,
            };
        }
        return new ChatCompletionChunk
        {
            Id = response.ResponseId ?? string.Empty,
            Model = response.ModelVersion ?? string.Empty,
            Created = created,
            Choices = choices,
            Usage = finished || candidates.Count == 0 ? ToUsage(response.UsageMetadata) : null,
        };
    }

    public static Usage? ToUsage(GeminiUsageMetadata? usage)
    {
        if (usage is null)
        {
            return null;
        }
        var thoughts = usage.ThoughtsTokenCount ?? 0;
        // OpenAI counts reasoning inside completion tokens; Gemini reports (and bills) thoughts beside the candidates.
        var completion = (usage.CandidatesTokenCount ?? 0) + thoughts;
        var prompt = usage.PromptTokenCount ?? 0;
        return new Usage
        {
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = usage.TotalTokenCount ?? prompt + completion,
            PromptTokensDetails = usage.CachedContentTokenCount is { } cached ? new PromptTokensDetails { CachedTokens = cached } : null,
            CompletionTokensDetails = usage.ThoughtsTokenCount is { } reasoning ? new CompletionTokensDetails { ReasoningTokens = reasoning } : null,
        };
    }

    private static GeminiContentBlockedException? BlockedPrompt(GeminiResponse response) =>
        response.PromptFeedback?.BlockReason is { Length: > 0 } reason && reason != "BLOCK_REASON_UNSPECIFIED" && (response.Candidates?.Count ?? 0) == 0
            ? new GeminiContentBlockedException(reason, promptBlocked: true)
            : null;

    private sealed record Call(string Id, string Name, string Arguments, string? ThoughtSignature);

    /// <summary>The parts' answer text, thought text and calls; each null when there is none.</summary>
    private static (string? Text, string? Reasoning, List<Call>? Calls) Split(IReadOnlyList<GeminiPart>? parts, Func<int, string> id)
    {
        StringBuilder? text = null, reasoning = null;
        List<Call>? calls = null;
        foreach (var part in parts ?? [])
        {
            if (part.FunctionCall is { } call)
            {
                calls ??= [];
                var arguments = call.Args is { ValueKind: JsonValueKind.Object } args ? args.GetRawText() : "{}";
                calls.Add(new Call(call.Id is { Length: > 0 } given ? given : id(calls.Count), call.Name, arguments, part.ThoughtSignature));
            }
            else if (part.Text is { } piece)
            {
                (part.Thought == true ? reasoning ??= new() : text ??= new()).Append(piece);
            }
        }
        return (text?.ToString(), reasoning?.ToString(), calls);
    }

    private static ChatToolCall ToToolCall(Call call) => new()
    {
        Id = call.Id,
        Function = new FunctionCall { Name = call.Name, Arguments = call.Arguments },
        AdditionalProperties = ExtraContent(call.ThoughtSignature),
    };

    private static Dictionary<string, JsonElement>? ExtraContent(string? thoughtSignature) => thoughtSignature is null
        ? null
        : new() { [GeminiRequestMapper.ExtraContent] = JsonText.Object("google", JsonText.Object("thought_signature", JsonText.String(thoughtSignature))) };

    private static string RandomId() => "call_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
}

/// <summary>Google's filters withheld the whole answer: the prompt was blocked, or every candidate stopped for safety before any output.</summary>
internal sealed class GeminiContentBlockedException(string reason, bool promptBlocked)
    : Exception(promptBlocked ? $"Gemini blocked the prompt ({reason})." : $"Gemini withheld the answer ({reason}) before any output.")
{
    /// <summary>The <c>blockReason</c> or <c>finishReason</c> (<c>SAFETY</c>, <c>PROHIBITED_CONTENT</c>, …).</summary>
    public string Reason { get; } = reason;
}
