using System.Text.Json;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.AI;

/// <summary>M.E.AI messages and <see cref="Meai.ChatOptions"/> to a mesh <see cref="ChatCompletionRequest"/>.</summary>
internal static class ChatRequestMapper
{
    /// <summary>
    /// The request for one call. A <see cref="ChatCompletionRequest"/> returned by
    /// <see cref="Meai.ChatOptions.RawRepresentationFactory"/> is the starting point (copied); options fill only the
    /// fields it leaves unset. The messages are always the call's.
    /// </summary>
    /// <exception cref="ArgumentException">No model is named, or a tool, content or property cannot be sent.</exception>
    public static ChatCompletionRequest ToRequest(IEnumerable<Meai.ChatMessage> messages, Meai.ChatOptions? options, string? defaultModel, Meai.IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = options?.RawRepresentationFactory?.Invoke(client) is ChatCompletionRequest raw ? raw.Clone() : new ChatCompletionRequest();
        if (string.IsNullOrEmpty(request.Model))
        {
            request.Model = options?.ModelId is { Length: > 0 } modelId ? modelId
                : defaultModel is { Length: > 0 } ? defaultModel
                : throw new ArgumentException("No model to ask: set ChatOptions.ModelId or give AsIChatClient a default model (a pool, capability, alias or model id).", nameof(options));
        }
        var wire = new List<ChatMessage>();
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            wire.Add(ChatMessage.System(instructions));
        }
        foreach (var message in messages)
        {
            AddMessage(wire, message);
        }
        request.Messages = wire;
        if (options is null)
        {
            return request;
        }
        request.Temperature ??= ToDouble(options.Temperature);
        request.TopP ??= ToDouble(options.TopP);
        request.FrequencyPenalty ??= ToDouble(options.FrequencyPenalty);
        request.PresencePenalty ??= ToDouble(options.PresencePenalty);
        // The mesh caps output through max_tokens too (Router.WireRequest), so both speak the same field.
        request.MaxTokens ??= options.MaxOutputTokens;
        request.Seed ??= options.Seed;
        if (request.Stop is null && options.StopSequences is { Count: > 0 } stop)
        {
            request.Stop = stop.ToArray();
        }
        request.ParallelToolCalls ??= options.AllowMultipleToolCalls;
        if (request.Tools is null && options.Tools is { Count: > 0 } tools)
        {
            request.Tools = tools.Select(ToTool).ToArray();
        }
        request.ToolChoice ??= ToToolChoice(options.ToolMode);
        request.ResponseFormat ??= ToResponseFormat(options.ResponseFormat);
        if (options.AdditionalProperties is { Count: > 0 } extra)
        {
            request.AdditionalProperties ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var (name, value) in extra)
            {
                if (request.AdditionalProperties.ContainsKey(name))
                {
                    continue;
                }
                try
                {
                    request.AdditionalProperties[name] = JsonValues.ToElement(value, jsonShapedOnly: true);
                }
                catch (NotSupportedException error)
                {
                    throw new ArgumentException($"ChatOptions.AdditionalProperties['{name}'] is a {value?.GetType().Name} that is not a JSON value; pass a JsonElement, JsonNode, string, bool, number, or a list or dictionary of them.", nameof(options), error);
                }
            }
        }
        return request;
    }

    private static void AddMessage(List<ChatMessage> wire, Meai.ChatMessage message)
    {
        var role = ToRole(message.Role);
        var parts = new List<ChatContentPart>();
        var hasNonText = false;
        List<ChatToolCall>? calls = null;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case Meai.TextContent text:
                    parts.Add(ChatContentPart.FromText(text.Text));
                    break;
                case Meai.DataContent data when data.HasTopLevelMediaType("image"):
                    parts.Add(ChatContentPart.FromImageUrl(data.Uri, Detail(data)));
                    hasNonText = true;
                    break;
                case Meai.UriContent uri when uri.HasTopLevelMediaType("image"):
                    parts.Add(ChatContentPart.FromImageUrl(uri.Uri.ToString(), Detail(uri)));
                    hasNonText = true;
                    break;
                case Meai.FunctionCallContent call:
                    (calls ??= []).Add(new ChatToolCall
                    {
                        Id = call.CallId,
                        Function = new FunctionCall { Name = call.Name, Arguments = JsonValues.ObjectText(call.Arguments) },
                    });
                    break;
                case Meai.FunctionResultContent:
                    break; // a tool message of its own, below
                case Meai.TextReasoningContent:
                    break; // unsigned reasoning is not sent back; signed thinking goes as thinking_blocks, below
                case Meai.DataContent or Meai.UriContent:
                    throw new ArgumentException($"A {message.Role} message has {((content as Meai.DataContent)?.MediaType ?? ((Meai.UriContent)content).MediaType)} content; only text and images can be sent in a chat message.", "messages");
                default:
                    break; // usage, errors and other informational content have no wire form
            }
        }
        var thinking = role == ChatRole.Assistant ? ThinkingBlockMapper.FromContents(message.Contents) : null;
        if (parts.Count > 0 || calls is not null || thinking is not null)
        {
            var mapped = new ChatMessage { Role = role, Name = message.AuthorName, ToolCalls = calls, ThinkingBlocks = thinking };
            if (hasNonText)
            {
                mapped.ContentParts = parts;
            }
            else if (parts.Count > 0)
            {
                mapped.Content = string.Concat(parts.Select(p => p.Text));
            }
            wire.Add(mapped);
        }
        foreach (var result in message.Contents.OfType<Meai.FunctionResultContent>())
        {
            wire.Add(ChatMessage.Tool(result.CallId, result.Exception is { } error && result.Result is null
                ? "Error: " + error.Message
                : JsonValues.ResultText(result.Result)));
        }
    }

    private static string? Detail(Meai.AIContent content) =>
        content.AdditionalProperties?.TryGetValue("detail", out var detail) == true ? detail?.ToString() : null;

    private static string ToRole(Meai.ChatRole role) =>
        role == Meai.ChatRole.System ? ChatRole.System
        : role == Meai.ChatRole.User ? ChatRole.User
        : role == Meai.ChatRole.Assistant ? ChatRole.Assistant
        : role == Meai.ChatRole.Tool ? ChatRole.Tool
        : role.Value; // developer and other roles go as named

    private static ChatTool ToTool(Meai.AITool tool) => tool switch
    {
        Meai.AIFunctionDeclaration function => ChatTool.CreateFunction(function.Name, string.IsNullOrEmpty(function.Description) ? null : function.Description, function.JsonSchema),
        _ => throw new ArgumentException($"The tool '{tool.Name}' ({tool.GetType().Name}) is not a function; chat completions take function tools only.", "options"),
    };

    private static ToolChoice? ToToolChoice(Meai.ChatToolMode? mode) => mode switch
    {
        null => null,
        Meai.NoneChatToolMode => ToolChoice.None,
        Meai.AutoChatToolMode => ToolChoice.Auto,
        Meai.RequiredChatToolMode { RequiredFunctionName: { } name } => ToolChoice.Function(name),
        Meai.RequiredChatToolMode => ToolChoice.Required,
        _ => throw new ArgumentException($"ChatOptions.ToolMode {mode.GetType().Name} has no tool_choice form.", "options"),
    };

    private static ResponseFormat? ToResponseFormat(Meai.ChatResponseFormat? format) => format switch
    {
        null => null,
        Meai.ChatResponseFormatText => ResponseFormat.Text(),
        Meai.ChatResponseFormatJson { Schema: { } schema } json => ResponseFormat.ForJsonSchema(json.SchemaName ?? "response", schema, description: json.SchemaDescription),
        Meai.ChatResponseFormatJson => ResponseFormat.JsonObject(),
        _ => throw new ArgumentException($"ChatOptions.ResponseFormat {format.GetType().Name} has no response_format form.", "options"),
    };

    // Via decimal so that 0.7f goes on the wire as 0.7, not 0.699999988079071.
    private static double? ToDouble(float? value) => value is { } v && float.IsFinite(v) ? (double)(decimal)v : value;
}
