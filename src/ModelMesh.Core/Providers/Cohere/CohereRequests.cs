using System.Text.Json;

namespace ModelMesh.Providers.Cohere;

/// <summary>Maps OpenAI-shaped requests to Cohere's v2 bodies.</summary>
internal static class CohereRequests
{
    /// <summary>The <c>input_type</c> when the request names none: embeddings of documents to be searched.</summary>
    public const string DefaultInputType = "search_document";

    private const string InputType = "input_type";

    /// <exception cref="ArgumentException">A message holds a part Cohere cannot take (audio, a file).</exception>
    public static CohereChatRequest Chat(ChatCompletionRequest request)
    {
        var choice = request.ToolChoice;
        var tools = request.Tools?.Where(t => t.Function is not null && (choice?.FunctionName is not { } only || t.Function.Name == only)).Select(Tool).ToArray();
        return new CohereChatRequest
        {
            Model = request.Model,
            Messages = request.Messages.Select(Message).ToArray(),
            Tools = tools is { Length: > 0 } ? tools : null,
            // Cohere cannot force one named function: the tools are narrowed to it and a call is required.
            ToolChoice = choice?.FunctionName is not null ? "REQUIRED" : choice?.Mode switch
            {
                "required" => "REQUIRED",
                "none" => "NONE",
                _ => null,
            },
            Stream = request.Stream == true,
            MaxTokens = request.MaxCompletionTokens ?? request.MaxTokens,
            Temperature = request.Temperature,
            P = request.TopP,
            Seed = request.Seed,
            StopSequences = request.Stop,
            FrequencyPenalty = request.FrequencyPenalty,
            PresencePenalty = request.PresencePenalty,
            ResponseFormat = request.ResponseFormat?.Type switch
            {
                "json_object" => new CohereResponseFormat(),
                "json_schema" => new CohereResponseFormat { JsonSchema = request.ResponseFormat.JsonSchema?.Schema },
                _ => null,
            },
            Thinking = request.ReasoningEffort is null ? null
                : new CohereThinking { Type = string.Equals(request.ReasoningEffort, "none", StringComparison.OrdinalIgnoreCase) ? "disabled" : "enabled" },
            Extra = request.AdditionalProperties is { Count: > 0 } extra ? extra : null,
        };
    }

    /// <exception cref="ArgumentException">The input is token ids, which <c>/v2/embed</c> does not take.</exception>
    public static CohereEmbedRequest Embed(EmbeddingRequest request)
    {
        var texts = request.Input.Texts
            ?? throw new ArgumentException("Cohere's /v2/embed takes text input only, not token ids.", nameof(request));
        Dictionary<string, JsonElement>? extra = null;
        string? inputType = null;
        foreach (var (name, value) in request.AdditionalProperties ?? [])
        {
            if (name == InputType && value.ValueKind == JsonValueKind.String)
            {
                inputType = value.GetString();
            }
            else
            {
                (extra ??= new(StringComparer.Ordinal))[name] = value;
            }
        }
        return new CohereEmbedRequest
        {
            Model = request.Model,
            Texts = texts,
            InputType = string.IsNullOrEmpty(inputType) ? DefaultInputType : inputType,
            OutputDimension = request.Dimensions,
            Extra = extra,
        };
    }

    private static CohereTool Tool(ChatTool tool) => new()
    {
        Function = new CohereFunction { Name = tool.Function!.Name, Description = tool.Function.Description, Parameters = tool.Function.Parameters },
    };

    private static CohereMessage Message(ChatMessage message, int index)
    {
        var calls = message.ToolCalls is { Count: > 0 } toolCalls
            ? toolCalls.Select(c => new CohereToolCall { Id = c.Id, Function = new CohereFunctionCall { Name = c.Function.Name, Arguments = c.Function.Arguments } }).ToArray()
            : null;
        var content = Content(message, index);
        return new CohereMessage
        {
            Role = message.Role == ChatRole.Developer ? ChatRole.System : message.Role,
            // An assistant turn that only called tools has no content; Cohere rejects an empty text part.
            Content = calls is not null && content.Count == 0 ? null : content,
            ToolCalls = calls,
            ToolPlan = calls is not null ? message.ReasoningContent : null,
            ToolCallId = message.Role == ChatRole.Tool ? message.ToolCallId : null,
        };
    }

    private static List<CohereContent> Content(ChatMessage message, int index)
    {
        var parts = new List<CohereContent>();
        if (message.ContentParts is null)
        {
            if (!string.IsNullOrEmpty(message.Content) || message.ToolCalls is not { Count: > 0 })
            {
                parts.Add(new CohereContent { Text = message.Content ?? string.Empty });
            }
            return parts;
        }
        foreach (var part in message.ContentParts)
        {
            parts.Add(part.Type switch
            {
                "text" => new CohereContent { Text = part.Text ?? string.Empty },
                "image_url" when part.ImageUrl is { } image => new CohereContent { Type = "image_url", ImageUrl = new CohereImageUrl { Url = image.Url, Detail = image.Detail } },
                _ => throw new ArgumentException($"Message {index} has a '{part.Type}' content part; Cohere's chat takes text and images only.", "request"),
            });
        }
        return parts;
    }
}
