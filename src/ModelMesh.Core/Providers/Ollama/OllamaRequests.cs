using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Ollama;

/// <summary>Maps OpenAI-shaped requests to Ollama's native bodies.</summary>
internal static class OllamaRequests
{
    // Request fields that are Ollama's own top-level fields; every other unknown field is a model option.
    private const string KeepAlive = "keep_alive";
    private const string Think = "think";
    private const string Format = "format";
    private const string Options = "options";
    private const string Truncate = "truncate";

    private static readonly JsonElement JsonFormat = JsonText.String("json");

    /// <exception cref="ArgumentException">A message holds what Ollama cannot take (an image by URL, audio, tool-call arguments that are not a JSON object).</exception>
    public static OllamaChatRequest Chat(ChatCompletionRequest request, JsonElement? keepAlive)
    {
        var extra = request.AdditionalProperties;
        return new OllamaChatRequest
        {
            Model = request.Model,
            Messages = Messages(request.Messages),
            Tools = request.ToolChoice?.Mode == ToolChoice.None.Mode ? null : request.Tools?.Where(t => t.Function is not null).Select(Tool).ToArray(),
            Format = Field(extra, Format) ?? ResponseFormat(request.ResponseFormat),
            Options = ModelOptions(request, extra),
            Stream = request.Stream == true,
            KeepAlive = Field(extra, KeepAlive) ?? keepAlive,
            Think = Field(extra, Think) ?? ThinkFrom(request.ReasoningEffort),
        };
    }

    /// <exception cref="ArgumentException">The input is token ids, which <c>/api/embed</c> does not take.</exception>
    public static OllamaEmbedRequest Embed(EmbeddingRequest request, JsonElement? keepAlive)
    {
        var texts = request.Input.Texts
            ?? throw new ArgumentException("Ollama's /api/embed takes text input only, not token ids.", nameof(request));
        var extra = request.AdditionalProperties;
        var options = new OllamaOptions { Extra = Rest(extra, [KeepAlive, Truncate, Options]) };
        return new OllamaEmbedRequest
        {
            Model = request.Model,
            Input = texts,
            Dimensions = request.Dimensions,
            Truncate = Field(extra, Truncate) is { ValueKind: JsonValueKind.True or JsonValueKind.False } truncate ? truncate.GetBoolean() : null,
            KeepAlive = Field(extra, KeepAlive) ?? keepAlive,
            Options = options.IsEmpty ? null : options,
        };
    }

    private static OllamaOptions? ModelOptions(ChatCompletionRequest request, Dictionary<string, JsonElement>? extra)
    {
        var options = new OllamaOptions
        {
            Temperature = request.Temperature,
            TopP = request.TopP,
            Seed = request.Seed,
            Stop = request.Stop,
            NumPredict = request.MaxCompletionTokens ?? request.MaxTokens,
            FrequencyPenalty = request.FrequencyPenalty,
            PresencePenalty = request.PresencePenalty,
            Extra = Rest(extra, [KeepAlive, Think, Format, Options]),
        };
        return options.IsEmpty ? null : options;
    }

    /// <summary>The unknown fields that are model options: those not in <paramref name="topLevel"/>, and the members of an <c>options</c> object.</summary>
    private static Dictionary<string, JsonElement>? Rest(Dictionary<string, JsonElement>? extra, string[] topLevel)
    {
        if (extra is null)
        {
            return null;
        }
        var rest = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            if (!topLevel.Contains(name, StringComparer.Ordinal))
            {
                rest[name] = value;
            }
        }
        if (Field(extra, Options) is { ValueKind: JsonValueKind.Object } nested)
        {
            foreach (var option in nested.EnumerateObject())
            {
                rest[option.Name] = option.Value;
            }
        }
        return rest.Count == 0 ? null : rest;
    }

    private static JsonElement? Field(Dictionary<string, JsonElement>? extra, string name) =>
        extra is not null && extra.TryGetValue(name, out var value) && value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null) ? value : null;

    private static JsonElement? ResponseFormat(ResponseFormat? format) => format?.Type switch
    {
        "json_object" => JsonFormat,
        "json_schema" => format.JsonSchema?.Schema ?? JsonFormat,
        _ => null,
    };

    /// <summary>OpenAI's effort as Ollama's <c>think</c>: <c>none</c> turns thinking off, a level is passed on (<c>minimal</c> as <c>low</c>).</summary>
    private static JsonElement? ThinkFrom(string? effort) => effort?.ToLowerInvariant() switch
    {
        null => null,
        "none" => JsonText.Boolean(false),
        "minimal" => JsonText.String("low"),
        "low" or "medium" or "high" => JsonText.String(effort.ToLowerInvariant()),
        _ => JsonText.Boolean(true),
    };

    private static OllamaTool Tool(ChatTool tool) => new()
    {
        Function = new OllamaFunction { Name = tool.Function!.Name, Description = tool.Function.Description, Parameters = tool.Function.Parameters },
    };

    private static OllamaMessage[] Messages(IReadOnlyList<ChatMessage> messages)
    {
        var result = new OllamaMessage[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            result[i] = new OllamaMessage
            {
                // Ollama knows no "developer" role; it is the system prompt by another name.
                Role = message.Role == ChatRole.Developer ? ChatRole.System : message.Role,
                Content = message.Text,
                Images = Images(message, i),
                ToolCalls = message.ToolCalls is { Count: > 0 } calls ? calls.Select(c => ToolCall(c, i)).ToArray() : null,
                ToolName = message.Role == ChatRole.Tool ? ToolName(messages, i, message.ToolCallId) : null,
                Thinking = message.Role == ChatRole.Assistant ? message.ReasoningContent : null,
            };
        }
        return result;
    }

    private static string[]? Images(ChatMessage message, int index)
    {
        if (message.ContentParts is not { } parts)
        {
            return null;
        }
        var images = new List<string>();
        foreach (var part in parts)
        {
            switch (part.Type)
            {
                case "text":
                    break;
                case "image_url" when part.ImageUrl?.Url is { } url:
                    if (!DataUrl.TryParseBase64(url, out _, out var data))
                    {
                        throw new ArgumentException($"Message {index} has an image by URL; Ollama takes images only as base64 data (a data:image/…;base64, URI).", "request");
                    }
                    images.Add(data);
                    break;
                default:
                    throw new ArgumentException($"Message {index} has a '{part.Type}' content part; Ollama's chat takes text and images only.", "request");
            }
        }
        return images.Count == 0 ? null : images.ToArray();
    }

    private static OllamaToolCall ToolCall(ChatToolCall call, int index) => new()
    {
        Id = string.IsNullOrEmpty(call.Id) ? null : call.Id,
        Function = new OllamaFunctionCall
        {
            Name = call.Function.Name,
            Arguments = string.IsNullOrWhiteSpace(call.Function.Arguments) ? null
                : JsonText.TryParse(call.Function.Arguments, out var arguments) && arguments.ValueKind == JsonValueKind.Object ? arguments
                : throw new ArgumentException($"Message {index}: the arguments of tool call '{call.Function.Name}' are not a JSON object, which Ollama requires.", "request"),
        },
    };

    /// <summary>The function a tool result answers, found by its call id in the assistant turns before it (Ollama matches results by name).</summary>
    private static string? ToolName(IReadOnlyList<ChatMessage> messages, int index, string? callId)
    {
        if (string.IsNullOrEmpty(callId))
        {
            return null;
        }
        for (var i = index - 1; i >= 0; i--)
        {
            if (messages[i].ToolCalls?.FirstOrDefault(c => c.Id == callId) is { } call)
            {
                return call.Function.Name;
            }
        }
        return null;
    }
}
