using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Anthropic;

/// <summary>Maps a Messages API answer to an OpenAI-shaped completion: blocks to text, reasoning and tool calls; stop reasons; usage.</summary>
internal static class AnthropicResponseMapper
{
    /// <summary>The completion.</summary>
    public static ChatCompletion Map(AnthropicResponse response, TimeProvider clock)
    {
        var text = new StringBuilder();
        var reasoning = new StringBuilder();
        var calls = new List<ChatToolCall>();
        List<ThinkingBlock>? thinking = null;
        foreach (var block in response.Content ?? [])
        {
            switch (block.Type)
            {
                case "text":
                    text.Append(block.Text);
                    break;
                case "thinking":
                    reasoning.Append(block.Thinking);
                    (thinking ??= []).Add(new ThinkingBlock { Type = ThinkingBlock.ThinkingType, Thinking = block.Thinking ?? string.Empty, Signature = block.Signature });
                    break;
                case "redacted_thinking":
                    (thinking ??= []).Add(new ThinkingBlock { Type = ThinkingBlock.RedactedThinkingType, Data = block.Data });
                    break;
                case "tool_use":
                    calls.Add(new ChatToolCall
                    {
                        Id = block.Id ?? string.Empty,
                        Function = new FunctionCall { Name = block.Name ?? string.Empty, Arguments = Arguments(block.Input) },
                    });
                    break;
            }
        }
        var message = new ChatMessage
        {
            Role = ChatRole.Assistant,
            // As OpenAI: no text beside tool calls is null content, not "".
            Content = text.Length == 0 && calls.Count > 0 ? null : text.ToString(),
            ReasoningContent = reasoning.Length == 0 ? null : reasoning.ToString(),
            ThinkingBlocks = thinking,
            ToolCalls = calls.Count == 0 ? null : calls,
        };
        return new ChatCompletion
        {
            Id = response.Id ?? string.Empty,
            Model = response.Model ?? string.Empty,
            Created = clock.GetUtcNow().ToUnixTimeSeconds(),
            Choices = [new ChatChoice { Index = 0, Message = message, FinishReason = FinishReasonOf(response.StopReason) }],
            Usage = UsageOf(response.Usage, null),
        };
    }

    /// <summary>A tool call's input object as the arguments text.</summary>
    public static string Arguments(JsonElement? input) =>
        input is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value ? value.GetRawText() : "{}";

    /// <summary>
    /// <c>end_turn</c> and <c>stop_sequence</c> are a stop, <c>max_tokens</c> (and a full context window) a length stop,
    /// <c>tool_use</c> tool calls, <c>refusal</c> a content filter; <c>pause_turn</c> (a server tool paused the turn)
    /// and any reason added later end the answer as a stop.
    /// </summary>
    public static string? FinishReasonOf(string? stopReason) => stopReason switch
    {
        null => null,
        "max_tokens" or "model_context_window_exceeded" => FinishReason.Length,
        "tool_use" => FinishReason.ToolCalls,
        "refusal" => FinishReason.ContentFilter,
        _ => FinishReason.Stop,
    };

    /// <summary>
    /// Usage in the OpenAI sense: prompt tokens include the cached ones (Anthropic counts cache reads and cache writes
    /// apart from <c>input_tokens</c>); cache reads are <c>prompt_tokens_details.cached_tokens</c>, cache writes
    /// <c>cache_creation_input_tokens</c> among the additional properties. <paramref name="earlier"/> (a stream's
    /// <c>message_start</c> usage) fills what <paramref name="usage"/> leaves out.
    /// </summary>
    public static Usage? UsageOf(AnthropicUsage? usage, AnthropicUsage? earlier)
    {
        if (usage is null && earlier is null)
        {
            return null;
        }
        var input = usage?.InputTokens ?? earlier?.InputTokens ?? 0;
        var cacheWrite = usage?.CacheCreationInputTokens ?? earlier?.CacheCreationInputTokens ?? 0;
        var cacheRead = usage?.CacheReadInputTokens ?? earlier?.CacheReadInputTokens ?? 0;
        var output = usage?.OutputTokens ?? earlier?.OutputTokens ?? 0;
        var result = new Usage(input + cacheWrite + cacheRead, output)
        {
            PromptTokensDetails = new PromptTokensDetails { CachedTokens = cacheRead },
        };
        if (cacheWrite > 0)
        {
            result.AdditionalProperties = new Dictionary<string, JsonElement>
            {
                ["cache_creation_input_tokens"] = JsonText.Parse(cacheWrite.ToString(CultureInfo.InvariantCulture), "A token count"),
            };
        }
        return result;
    }
}
