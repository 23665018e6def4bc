using System.Globalization;
using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Anthropic;

/// <summary>
/// Maps an OpenAI-shaped chat request to the Messages API: system and developer messages to the top-level
/// <c>system</c>, <c>tool</c> messages to <c>tool_result</c> blocks of a user turn, assistant tool calls to
/// <c>tool_use</c> blocks, image parts to image blocks, consecutive turns of one role merged into one.
/// </summary>
internal static class AnthropicRequestMapper
{
    /// <summary>What <c>reasoning_effort</c> buys in thinking tokens (the API's minimum budget is 1,024).</summary>
    private static int? ThinkingBudget(string? effort) => effort?.ToLowerInvariant() switch
    {
        null or "none" => null,
        "minimal" => 1_024,
        "low" => 2_048,
        "medium" => 8_192,
        "high" => 16_384,
        _ => throw new ArgumentException($"'reasoning_effort' is '{effort}'; the Anthropic connector knows none, minimal, low, medium and high.", "request"),
    };

    private const int MinimumThinkingBudget = 1_024;

    /// <summary>The request body.</summary>
    /// <param name="request">The request (its model is the upstream model id).</param>
    /// <param name="defaultMaxTokens">The <c>max_tokens</c> to send when the request sets none.</param>
    /// <exception cref="ArgumentException">The request uses something the Messages API cannot express; the message says what.</exception>
    public static AnthropicRequest Map(ChatCompletionRequest request, int defaultMaxTokens)
    {
        var system = new List<AnthropicContentBlock>();
        var messages = new List<AnthropicMessage>();
        for (var i = 0; i < request.Messages.Count; i++)
        {
            var message = request.Messages[i];
            switch (message.Role)
            {
                case ChatRole.System or ChatRole.Developer:
                    system.AddRange(CacheMarked(message, SystemBlocks(message, i)));
                    break;
                case ChatRole.User:
                    Append(messages, ChatRole.User, CacheMarked(message, UserBlocks(message, i)));
                    break;
                case ChatRole.Assistant:
                    Append(messages, ChatRole.Assistant, CacheMarked(message, AssistantBlocks(message, i)));
                    break;
                case ChatRole.Tool:
                    Append(messages, ChatRole.User, CacheMarked(message, [ToolResult(message, i)]));
                    break;
                default:
                    throw new ArgumentException($"messages[{i}] has role '{message.Role}', which the Anthropic Messages API has no equivalent for.", nameof(request));
            }
        }

        var maxTokens = request.MaxCompletionTokens ?? request.MaxTokens ?? defaultMaxTokens;
        var hasTools = request.Tools is { Count: > 0 };
        return new AnthropicRequest
        {
            Model = request.Model,
            MaxTokens = maxTokens,
            System = system.Count == 0 ? null : system,
            Messages = messages,
            StopSequences = request.Stop is { Count: > 0 } stop ? stop : null,
            Stream = request.Stream,
            Temperature = request.Temperature,
            TopP = request.TopP,
            Tools = hasTools ? request.Tools!.Select(Tool).ToList() : null,
            ToolChoice = hasTools ? Choice(request.ToolChoice, request.ParallelToolCalls) : null,
            Thinking = Thinking(request.ReasoningEffort, maxTokens),
            Metadata = string.IsNullOrEmpty(request.User) ? null : new AnthropicMetadata { UserId = request.User },
        };
    }

    /// <summary>Adds blocks as a turn, or to the last turn when it has the same role (tool results then the user's text form one turn).</summary>
    private static void Append(List<AnthropicMessage> messages, string role, List<AnthropicContentBlock> blocks)
    {
        if (messages.Count > 0 && messages[^1].Role == role)
        {
            messages[^1].Content.AddRange(blocks);
            return;
        }
        messages.Add(new AnthropicMessage { Role = role, Content = blocks });
    }

    /// <summary>
    /// A message-level <c>cache_control</c> (LiteLLM's convention) marks the message's last block, which caches the
    /// prompt up to and including this message.
    /// </summary>
    private static List<AnthropicContentBlock> CacheMarked(ChatMessage message, List<AnthropicContentBlock> blocks)
    {
        if (CacheControlOf(message.AdditionalProperties) is { } cache && blocks.Count > 0)
        {
            blocks[^1].CacheControl = cache;
        }
        return blocks;
    }

    /// <summary>The <c>cache_control</c> member a caller put on a message, part or tool, if any.</summary>
    private static JsonElement? CacheControlOf(Dictionary<string, JsonElement>? properties) =>
        properties is not null && properties.TryGetValue("cache_control", out var cache) && cache.ValueKind != JsonValueKind.Null ? cache : null;

    /// <summary>A system message's text, or its text parts each as a block (so that a part can carry <c>cache_control</c>); empty text sends nothing.</summary>
    private static List<AnthropicContentBlock> SystemBlocks(ChatMessage message, int index)
    {
        if (message.ContentParts is { } parts)
        {
            return parts.Select((p, j) => p.Type == "text"
                    ? Part(p, $"messages[{index}].content[{j}]")
                    : throw new ArgumentException($"messages[{index}].content[{j}] is a '{p.Type}' part in a {message.Role} message; Anthropic's system prompt takes text only.", "request"))
                .Where(b => !string.IsNullOrEmpty(b.Text))
                .ToList();
        }
        return message.Text.Length > 0 ? [TextBlock(message.Text)] : [];
    }

    private static List<AnthropicContentBlock> UserBlocks(ChatMessage message, int index) =>
        message.ContentParts is { } parts ? parts.Select((p, j) => Part(p, $"messages[{index}].content[{j}]")).ToList() : [TextBlock(message.Text)];

    private static List<AnthropicContentBlock> AssistantBlocks(ChatMessage message, int index)
    {
        var blocks = new List<AnthropicContentBlock>();
        // Signed thinking comes first in the turn, unchanged: the API checks it when the turn's tool results follow.
        foreach (var (block, j) in (message.ThinkingBlocks ?? []).Select((b, j) => (b, j)))
        {
            blocks.Add(ThinkingBlockOf(block, $"messages[{index}].thinking_blocks[{j}]"));
        }
        // An empty text block is refused by the API; an assistant turn that only called tools has none.
        if (message.Text.Length > 0)
        {
            blocks.Add(TextBlock(message.Text));
        }
        foreach (var call in message.ToolCalls ?? [])
        {
            blocks.Add(new AnthropicContentBlock
            {
                Type = "tool_use",
                Id = call.Id,
                Name = call.Function.Name,
                Input = JsonText.Parse(call.Function.Arguments.Length == 0 ? "{}" : call.Function.Arguments, $"The arguments of tool call '{call.Id}' in messages[{index}]"),
            });
        }
        return blocks;
    }

    private static AnthropicContentBlock ThinkingBlockOf(ThinkingBlock block, string where) => block.Type switch
    {
        ThinkingBlock.ThinkingType when !string.IsNullOrEmpty(block.Signature) =>
            new AnthropicContentBlock { Type = "thinking", Thinking = block.Thinking ?? string.Empty, Signature = block.Signature },
        ThinkingBlock.ThinkingType => throw new ArgumentException($"{where} is a thinking block without a signature; Anthropic accepts only thinking sent back exactly as it signed it.", "request"),
        ThinkingBlock.RedactedThinkingType when !string.IsNullOrEmpty(block.Data) => new AnthropicContentBlock { Type = "redacted_thinking", Data = block.Data },
        ThinkingBlock.RedactedThinkingType => throw new ArgumentException($"{where} is a redacted_thinking block without 'data'.", "request"),
        _ => throw new ArgumentException($"{where} is of type '{block.Type}'; thinking blocks are 'thinking' or 'redacted_thinking'.", "request"),
    };

    private static AnthropicContentBlock ToolResult(ChatMessage message, int index)
    {
        if (string.IsNullOrEmpty(message.ToolCallId))
        {
            throw new ArgumentException($"messages[{index}] is a tool message without 'tool_call_id'; Anthropic needs it to match the result to its tool_use block.", "request");
        }
        var content = message.ContentParts is { } parts
            ? parts.Select((p, j) => Part(p, $"messages[{index}].content[{j}]")).ToList()
            : message.Text.Length > 0 ? [TextBlock(message.Text)] : null;
        return new AnthropicContentBlock { Type = "tool_result", ToolUseId = message.ToolCallId, Content = content };
    }

    private static AnthropicContentBlock TextBlock(string text) => new() { Type = "text", Text = text };

    private static AnthropicContentBlock Part(ChatContentPart part, string where)
    {
        var block = part.Type switch
        {
            "text" => TextBlock(part.Text ?? string.Empty),
            "image_url" when part.ImageUrl is { } image => new AnthropicContentBlock { Type = "image", Source = ImageSource(image.Url, where) },
            _ => throw new ArgumentException($"{where} is a '{part.Type}' part; the Anthropic connector sends text and image_url parts only.", "request"),
        };
        block.CacheControl = CacheControlOf(part.AdditionalProperties);
        return block;
    }

    /// <summary>A <c>data:</c> URL becomes base64 data with its media type; an http(s) URL is sent for the API to fetch.</summary>
    private static AnthropicImageSource ImageSource(string url, string where)
    {
        if (DataUrl.IsDataUrl(url))
        {
            if (!DataUrl.TryParseBase64(url, out var mediaType, out var data) || mediaType.Length == 0)
            {
                throw new ArgumentException($"{where} is a data URL that is not 'data:<media type>;base64,<data>'; Anthropic takes base64 images only.", "request");
            }
            return new AnthropicImageSource { Type = "base64", MediaType = mediaType, Data = data };
        }
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
        {
            return new AnthropicImageSource { Type = "url", Url = url };
        }
        throw new ArgumentException($"{where} has an image URL that is neither a data URL nor an http(s) URL.", "request");
    }

    private static AnthropicTool Tool(ChatTool tool, int index)
    {
        if (tool.Type != "function" || tool.Function is null)
        {
            throw new ArgumentException($"tools[{index}] is of type '{tool.Type}'; the Anthropic connector sends function tools only.", "request");
        }
        return new AnthropicTool
        {
            Name = tool.Function.Name,
            Description = tool.Function.Description,
            // The API requires a schema; a function without parameters takes an empty object.
            InputSchema = tool.Function.Parameters ?? JsonText.Parse("""{"type":"object","properties":{}}""", "The empty input schema"),
            CacheControl = CacheControlOf(tool.AdditionalProperties),
        };
    }

    /// <summary><c>auto</c>/<c>required</c>/<c>none</c>/a named function, and <c>parallel_tool_calls: false</c> as <c>disable_parallel_tool_use</c>.</summary>
    private static AnthropicToolChoice? Choice(ToolChoice? choice, bool? parallel)
    {
        var serial = parallel == false ? true : (bool?)null;
        if (choice is null)
        {
            return serial is null ? null : new AnthropicToolChoice { Type = "auto", DisableParallelToolUse = serial };
        }
        if (choice.FunctionName is { } name)
        {
            return new AnthropicToolChoice { Type = "tool", Name = name, DisableParallelToolUse = serial };
        }
        return choice.Mode switch
        {
            "auto" => new AnthropicToolChoice { Type = "auto", DisableParallelToolUse = serial },
            "required" => new AnthropicToolChoice { Type = "any", DisableParallelToolUse = serial },
            "none" => new AnthropicToolChoice { Type = "none" },
            null => throw new ArgumentException("'tool_choice' is an object of a shape the Anthropic connector cannot map (it maps auto, required, none and a named function).", "request"),
            var mode => throw new ArgumentException($"'tool_choice' is '{mode}'; the Anthropic connector maps auto, required, none and a named function.", "request"),
        };
    }

    /// <summary>Thinking with the effort's budget, kept below <c>max_tokens</c> as the API requires.</summary>
    private static AnthropicThinking? Thinking(string? effort, int maxTokens)
    {
        if (ThinkingBudget(effort) is not int budget)
        {
            return null;
        }
        budget = Math.Min(budget, maxTokens - 1);
        if (budget < MinimumThinkingBudget)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"'reasoning_effort' needs 'max_tokens' above {MinimumThinkingBudget} on Anthropic (the thinking budget is at least {MinimumThinkingBudget} tokens and below max_tokens); it is {maxTokens}."), "request");
        }
        return new AnthropicThinking { Type = "enabled", BudgetTokens = budget };
    }
}
