using System.Text;
using System.Text.Json;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.ChatClients;

/// <summary>
/// A Microsoft.Extensions.AI response as a mesh chat completion: text, reasoning, function calls (arguments as
/// JSON text), usage with cached and reasoning tokens, finish reason and ids.
/// </summary>
internal static class ChatResponseMapping
{
    public static ChatCompletion ToCompletion(Meai.ChatResponse response, string model, TimeProvider clock)
    {
        var text = new StringBuilder();
        var reasoning = new StringBuilder();
        var calls = new List<ChatToolCall>();
        foreach (var content in response.Messages.SelectMany(m => m.Contents))
        {
            switch (content)
            {
                case Meai.TextContent part:
                    text.Append(part.Text);
                    break;
                case Meai.TextReasoningContent part:
                    reasoning.Append(part.Text);
                    break;
                case Meai.FunctionCallContent call:
                    calls.Add(new ChatToolCall { Id = call.CallId, Function = new FunctionCall { Name = call.Name, Arguments = Arguments(call) } });
                    break;
            }
        }
        var message = new ChatMessage
        {
            Role = ChatRole.Assistant,
            Content = text.Length > 0 || calls.Count == 0 ? text.ToString() : null,
            ReasoningContent = reasoning.Length > 0 ? reasoning.ToString() : null,
            ToolCalls = calls.Count > 0 ? calls : null,
        };
        return new ChatCompletion
        {
            Id = response.ResponseId ?? NewId(),
            Created = (response.CreatedAt ?? clock.GetUtcNow()).ToUnixTimeSeconds(),
            Model = response.ModelId ?? model,
            Choices =
            [
                new ChatChoice
                {
                    Index = 0,
                    Message = message,
                    FinishReason = ToFinishReason(response.FinishReason) ?? (calls.Count > 0 ? FinishReason.ToolCalls : FinishReason.Stop),
                },
            ],
            Usage = ToUsage(response.Usage),
        };
    }

    /// <summary>An id for a response whose client gave none, shaped like OpenAI's.</summary>
    public static string NewId() => "chatcmpl-" + Guid.NewGuid().ToString("N");

    public static string? ToFinishReason(Meai.ChatFinishReason? reason)
    {
        if (reason is not { } value)
        {
            return null;
        }
        return value == Meai.ChatFinishReason.Stop ? FinishReason.Stop
            : value == Meai.ChatFinishReason.Length ? FinishReason.Length
            : value == Meai.ChatFinishReason.ToolCalls ? FinishReason.ToolCalls
            : value == Meai.ChatFinishReason.ContentFilter ? FinishReason.ContentFilter
            : value.Value;
    }

    public static Usage? ToUsage(Meai.UsageDetails? usage)
    {
        if (usage is null)
        {
            return null;
        }
        var prompt = Clamp(usage.InputTokenCount);
        var completion = Clamp(usage.OutputTokenCount);
        return new Usage
        {
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = usage.TotalTokenCount is { } total ? Clamp(total) : prompt + completion,
            PromptTokensDetails = usage.CachedInputTokenCount is { } cached ? new PromptTokensDetails { CachedTokens = Clamp(cached) } : null,
            CompletionTokensDetails = usage.ReasoningTokenCount is { } thinking ? new CompletionTokensDetails { ReasoningTokens = Clamp(thinking) } : null,
        };
    }

    private static int Clamp(long? count) => count is not { } value ? 0 : value < 0 ? 0 : value > int.MaxValue ? int.MaxValue : (int)value;

    /// <summary>
    /// The arguments as JSON text. Serialized with M.E.AI's own source-generated options, which cover the values
    /// its clients put there (<see cref="JsonElement"/>, strings, numbers, nested dictionaries and lists).
    /// </summary>
    public static string Arguments(Meai.FunctionCallContent call)
    {
        if (call.Arguments is null)
        {
            return "{}";
        }
        var info = Meai.AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>));
        return JsonSerializer.Serialize(call.Arguments, info);
    }
}
