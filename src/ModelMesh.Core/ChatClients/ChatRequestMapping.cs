using System.Text.Json;
using Meai = Microsoft.Extensions.AI;

namespace ModelMesh.ChatClients;

/// <summary>
/// A mesh chat request as Microsoft.Extensions.AI messages and options: every role, text, image, audio, tool
/// calls and results, tools as declarations, and every sampling option; fields M.E.AI has no property for go
/// into <see cref="Meai.ChatOptions.AdditionalProperties"/> under their wire names.
/// </summary>
internal static class ChatRequestMapping
{
    /// <summary>A tool without a parameters schema takes no arguments.</summary>
    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    /// <exception cref="ArgumentException">A message, part, tool call or tool cannot be expressed; the message names which.</exception>
    public static List<Meai.ChatMessage> ToMessages(ChatCompletionRequest request)
    {
        var messages = new List<Meai.ChatMessage>(request.Messages.Count);
        for (var i = 0; i < request.Messages.Count; i++)
        {
            messages.Add(ToMessage(request.Messages[i], i));
        }
        return messages;
    }

    private static Meai.ChatMessage ToMessage(ChatMessage message, int index)
    {
        var path = $"messages[{index}]";
        if (message is null)
        {
            throw new ArgumentException($"{path} is null.", nameof(ChatCompletionRequest.Messages));
        }
        var contents = new List<Meai.AIContent>();
        var role = message.Role switch
        {
            ChatRole.System => Meai.ChatRole.System,
            // M.E.AI has one instruction role; its adapters send it as the provider's (OpenAI's "developer" included).
            ChatRole.Developer => Meai.ChatRole.System,
            ChatRole.User => Meai.ChatRole.User,
            ChatRole.Assistant => Meai.ChatRole.Assistant,
            ChatRole.Tool => Meai.ChatRole.Tool,
            _ => throw new ArgumentException($"{path}.role '{message.Role}' is not one of system, developer, user, assistant, tool.", nameof(ChatCompletionRequest.Messages)),
        };
        if (!string.IsNullOrEmpty(message.ReasoningContent))
        {
            contents.Add(new Meai.TextReasoningContent(message.ReasoningContent));
        }
        if (role == Meai.ChatRole.Tool)
        {
            if (string.IsNullOrEmpty(message.ToolCallId))
            {
                throw new ArgumentException($"{path} is a tool message without 'tool_call_id'.", nameof(ChatCompletionRequest.Messages));
            }
            contents.Add(new Meai.FunctionResultContent(message.ToolCallId, message.Content ?? JoinText(message.ContentParts)));
        }
        else if (message.Content is { } text)
        {
            contents.Add(new Meai.TextContent(text));
        }
        else if (message.ContentParts is { } parts)
        {
            for (var j = 0; j < parts.Count; j++)
            {
                contents.Add(ToContent(parts[j], $"{path}.content[{j}]"));
            }
        }
        if (message.ToolCalls is { } calls)
        {
            for (var j = 0; j < calls.Count; j++)
            {
                var call = calls[j];
                contents.Add(new Meai.FunctionCallContent(call.Id, call.Function.Name, ParseArguments(call.Function.Arguments, $"{path}.tool_calls[{j}].function.arguments")));
            }
        }
        return new Meai.ChatMessage(role, contents)
        {
            AuthorName = message.Name,
            AdditionalProperties = ToProperties(message.AdditionalProperties),
        };
    }

    private static string? JoinText(IReadOnlyList<ChatContentPart>? parts) =>
        parts is null ? null : string.Concat(parts.Where(p => p.Type == "text").Select(p => p.Text));

    private static Meai.AIContent ToContent(ChatContentPart part, string path)
    {
        switch (part?.Type)
        {
            case "text":
                return new Meai.TextContent(part.Text);
            case "refusal":
                return new Meai.TextContent(part.Refusal);
            case "image_url" when part.ImageUrl is { Url: { Length: > 0 } url }:
                return url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                    ? new Meai.DataContent(url)
                    : new Meai.UriContent(url, "image/*");
            case "input_audio" when part.InputAudio is { Data.Length: > 0 } audio:
                return new Meai.DataContent(Convert.FromBase64String(audio.Data), "audio/" + (string.IsNullOrEmpty(audio.Format) ? "*" : audio.Format));
            default:
                throw new ArgumentException($"{path} of type '{part?.Type}' cannot be sent to an IChatClient (text, refusal, image_url with a url, input_audio with data can).", nameof(ChatCompletionRequest.Messages));
        }
    }

    /// <summary>Tool-call arguments as M.E.AI holds them: each top-level member as a <see cref="JsonElement"/>.</summary>
    private static Dictionary<string, object?>? ParseArguments(string arguments, string path)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(arguments);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"{path} is JSON but not an object.", nameof(ChatCompletionRequest.Messages));
            }
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                result[member.Name] = member.Value.Clone();
            }
            return result;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{path} is not valid JSON: {e.Message}", nameof(ChatCompletionRequest.Messages), e);
        }
    }

    /// <exception cref="ArgumentException">A tool is not a function, or a function has no name.</exception>
    public static Meai.ChatOptions ToOptions(ChatCompletionRequest request)
    {
        var options = new Meai.ChatOptions
        {
            ModelId = request.Model,
            Temperature = (float?)request.Temperature,
            TopP = (float?)request.TopP,
            MaxOutputTokens = request.MaxCompletionTokens ?? request.MaxTokens,
            FrequencyPenalty = (float?)request.FrequencyPenalty,
            PresencePenalty = (float?)request.PresencePenalty,
            Seed = request.Seed,
            StopSequences = request.Stop is { Count: > 0 } stop ? [.. stop] : null,
            AllowMultipleToolCalls = request.ParallelToolCalls,
            ResponseFormat = ToResponseFormat(request.ResponseFormat),
            ToolMode = ToToolMode(request.ToolChoice),
            AdditionalProperties = ToProperties(request.AdditionalProperties),
        };
        if (request.Tools is { Count: > 0 } tools)
        {
            options.Tools = [.. tools.Select((tool, i) => ToTool(tool, i))];
        }
        if (request.ReasoningEffort is { } effort)
        {
            if (ToEffort(effort) is { } known)
            {
                options.Reasoning = new Meai.ReasoningOptions { Effort = known };
            }
            else
            {
                Put(options, "reasoning_effort", effort);
            }
        }
        // No M.E.AI property: kept under their wire names for the clients that read them.
        Put(options, "user", request.User);
        Put(options, "service_tier", request.ServiceTier);
        Put(options, "n", request.N);
        Put(options, "logprobs", request.Logprobs);
        Put(options, "top_logprobs", request.TopLogprobs);
        Put(options, "store", request.Store);
        Put(options, "logit_bias", request.LogitBias);
        Put(options, "metadata", request.Metadata);
        Put(options, "modalities", request.Modalities);
        return options;
    }

    private static Meai.AITool ToTool(ChatTool tool, int index)
    {
        if (tool?.Type != "function" || tool.Function is not { } function || string.IsNullOrWhiteSpace(function.Name))
        {
            throw new ArgumentException($"tools[{index}] is not a function with a name; an IChatClient provider declares function tools only.", nameof(ChatCompletionRequest.Tools));
        }
        return Meai.AIFunctionFactory.CreateDeclaration(function.Name, function.Description, function.Parameters ?? EmptyObjectSchema);
    }

    private static Meai.ChatToolMode? ToToolMode(ToolChoice? choice) => choice switch
    {
        null => null,
        { FunctionName: { } name } => Meai.ChatToolMode.RequireSpecific(name),
        { Mode: "none" } => Meai.ChatToolMode.None,
        { Mode: "auto" } => Meai.ChatToolMode.Auto,
        { Mode: "required" } => Meai.ChatToolMode.RequireAny,
        _ => null, // a shape M.E.AI cannot express: the client's default
    };

    private static Meai.ChatResponseFormat? ToResponseFormat(ResponseFormat? format) => format?.Type switch
    {
        null => null,
        "text" => Meai.ChatResponseFormat.Text,
        "json_object" => Meai.ChatResponseFormat.Json,
        "json_schema" when format.JsonSchema?.Schema is { } schema =>
            Meai.ChatResponseFormat.ForJsonSchema(schema, format.JsonSchema.Name, format.JsonSchema.Description),
        "json_schema" => Meai.ChatResponseFormat.Json,
        _ => null,
    };

    private static Meai.ReasoningEffort? ToEffort(string effort) => effort.ToLowerInvariant() switch
    {
        "none" => Meai.ReasoningEffort.None,
        "minimal" or "low" => Meai.ReasoningEffort.Low,
        "medium" => Meai.ReasoningEffort.Medium,
        "high" => Meai.ReasoningEffort.High,
        "xhigh" => Meai.ReasoningEffort.ExtraHigh,
        _ => null,
    };

    private static Meai.AdditionalPropertiesDictionary? ToProperties(Dictionary<string, JsonElement>? properties)
    {
        if (properties is not { Count: > 0 })
        {
            return null;
        }
        var result = new Meai.AdditionalPropertiesDictionary();
        foreach (var (name, value) in properties)
        {
            result[name] = value;
        }
        return result;
    }

    private static void Put(Meai.ChatOptions options, string name, object? value)
    {
        if (value is not null)
        {
            (options.AdditionalProperties ??= [])[name] = value;
        }
    }
}
