using System.Globalization;
using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.Google;

/// <summary>
/// An OpenAI chat request as a Gemini <c>generateContent</c> body: system and developer messages become
/// <c>systemInstruction</c>, <c>assistant</c> turns are <c>model</c> turns, tool calls are <c>functionCall</c> parts and
/// tool messages <c>functionResponse</c> parts (answered by function name), sampling options go to
/// <c>generationConfig</c>. Input the mapping cannot express is refused with an <see cref="ArgumentException"/> naming it.
/// </summary>
internal static class GeminiRequestMapper
{
    /// <summary>The <c>extra_content</c> member a tool call carries its Gemini thought signature in (Google's own OpenAI layer uses the same).</summary>
    internal const string ExtraContent = "extra_content";

    private static readonly JsonElement EmptyObject = JsonText.TryParse("{}", out var empty) ? empty : default;

    public static GeminiRequest Build(ChatCompletionRequest request)
    {
        var system = new List<GeminiPart>();
        var contents = new List<GeminiContent>();
        var messages = request.Messages;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw new ArgumentException($"messages[{i}] is null.", nameof(request));
            switch (message.Role)
            {
                case ChatRole.System or ChatRole.Developer:
                    system.Add(new GeminiPart { Text = message.Text });
                    break;
                case ChatRole.User:
                    contents.Add(new GeminiContent { Role = "user", Parts = UserParts(message, i) });
                    break;
                case ChatRole.Assistant:
                    var parts = ModelParts(message);
                    if (parts.Count > 0)
                    {
                        contents.Add(new GeminiContent { Role = "model", Parts = parts });
                    }
                    break;
                case ChatRole.Tool:
                    var answer = new GeminiPart { FunctionResponse = new GeminiFunctionResponse(FunctionNameFor(messages, i), ResponseObject(message.Text)) };
                    // The answers to one turn's calls go together in one user turn, as Gemini expects them.
                    if (contents.Count > 0 && contents[^1] is { Role: "user", Parts: { } previous } && previous.All(p => p.FunctionResponse is not null))
                    {
                        contents[^1] = contents[^1] with { Parts = [.. previous, answer] };
                    }
                    else
                    {
                        contents.Add(new GeminiContent { Role = "user", Parts = [answer] });
                    }
                    break;
                default:
                    throw new ArgumentException($"messages[{i}] has role '{message.Role}', which google.gemini.v1 cannot send (system, developer, user, assistant and tool are supported).", nameof(request));
            }
        }
        if (contents.Count == 0)
        {
            throw new ArgumentException("The request has no user, assistant or tool message; Gemini needs at least one turn besides the system instruction.", nameof(request));
        }

        return new GeminiRequest
        {
            Contents = contents,
            SystemInstruction = system.Count == 0 ? null : new GeminiContent { Parts = system },
            Tools = request.Tools is { Count: > 0 } tools ? [new GeminiTool(tools.Select(Declaration).ToArray())] : null,
            ToolConfig = ToolConfig(request.ToolChoice),
            GenerationConfig = GenerationConfig(request),
            SafetySettings = Passed(request, "safetySettings"),
            CachedContent = Passed(request, "cachedContent") is { ValueKind: JsonValueKind.String } cached ? cached.GetString() : null,
        };
    }

    private static List<GeminiPart> UserParts(ChatMessage message, int index)
    {
        if (message.ContentParts is not { } parts)
        {
            return [new GeminiPart { Text = message.Content ?? string.Empty }];
        }
        var mapped = new List<GeminiPart>(parts.Count);
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            mapped.Add(part.Type switch
            {
                "text" => new GeminiPart { Text = part.Text ?? string.Empty },
                "image_url" when part.ImageUrl is { } image => Media(image.Url, index, p),
                "input_audio" when part.InputAudio is { } audio => new GeminiPart { InlineData = new GeminiBlob(AudioMimeType(audio.Format, index, p), audio.Data) },
                _ => throw new ArgumentException($"messages[{index}].content[{p}] is a '{part.Type}' part, which google.gemini.v1 does not send (text, image_url and input_audio are supported)."),
            });
        }
        return mapped;
    }

    /// <summary>A <c>data:</c> URI goes inline; any other URL by reference (<c>fileData</c>: a Files API URI or a public URL).</summary>
    private static GeminiPart Media(string url, int message, int part)
    {
        if (!DataUrl.IsDataUrl(url))
        {
            return new GeminiPart { FileData = new GeminiFileData(null, url) };
        }
        if (!DataUrl.TryParseBase64(url, out var mediaType, out var data) || mediaType.Length == 0)
        {
            throw new ArgumentException($"messages[{message}].content[{part}].image_url is a data: URI that is not 'data:<media type>;base64,<data>'.");
        }
        return new GeminiPart { InlineData = new GeminiBlob(mediaType, data) };
    }

    private static string AudioMimeType(string format, int message, int part) => format.ToLowerInvariant() switch
    {
        "wav" => "audio/wav",
        "mp3" => "audio/mp3",
        "flac" or "aac" or "ogg" or "aiff" => "audio/" + format.ToLowerInvariant(),
        _ => throw new ArgumentException($"messages[{message}].content[{part}].input_audio.format is '{format}'; google.gemini.v1 sends wav, mp3, flac, aac, ogg and aiff."),
    };

    /// <summary>An assistant turn: its text, then each tool call as a <c>functionCall</c> with the thought signature it came with.</summary>
    private static List<GeminiPart> ModelParts(ChatMessage message)
    {
        var parts = new List<GeminiPart>();
        if (message.Text is { Length: > 0 } text)
        {
            parts.Add(new GeminiPart { Text = text });
        }
        foreach (var call in message.ToolCalls ?? [])
        {
            parts.Add(new GeminiPart
            {
                FunctionCall = new GeminiFunctionCall { Name = call.Function.Name, Args = ArgumentsObject(call) },
                ThoughtSignature = ThoughtSignature(call),
            });
        }
        return parts;
    }

    /// <summary>The arguments as the JSON object Gemini wants; empty arguments are <c>{}</c>.</summary>
    private static JsonElement ArgumentsObject(ChatToolCall call)
    {
        if (string.IsNullOrWhiteSpace(call.Function.Arguments))
        {
            return EmptyObject;
        }
        if (JsonText.TryParse(call.Function.Arguments, out var arguments) && arguments.ValueKind == JsonValueKind.Object)
        {
            return arguments;
        }
        throw new ArgumentException($"The arguments of tool call '{call.Id}' ({call.Function.Name}) are not a JSON object; Gemini takes function arguments only as an object.");
    }

    private static string? ThoughtSignature(ChatToolCall call) =>
        call.AdditionalProperties?.TryGetValue(ExtraContent, out var extra) == true
        && extra.ValueKind == JsonValueKind.Object
        && extra.TryGetProperty("google", out var google) && google.ValueKind == JsonValueKind.Object
        && google.TryGetProperty("thought_signature", out var signature) && signature.ValueKind == JsonValueKind.String
            ? signature.GetString()
            : null;

    /// <summary>Gemini answers calls by function name: the name of the call this tool message answers, from the nearest assistant turn before it.</summary>
    private static string FunctionNameFor(IReadOnlyList<ChatMessage> messages, int toolIndex)
    {
        var id = messages[toolIndex].ToolCallId;
        for (var i = toolIndex - 1; i >= 0 && id is not null; i--)
        {
            if (messages[i]?.Role == ChatRole.Assistant && messages[i].ToolCalls?.FirstOrDefault(c => c.Id == id) is { } call)
            {
                return call.Function.Name;
            }
        }
        return messages[toolIndex].Name is { Length: > 0 } name
            ? name
            : throw new ArgumentException($"messages[{toolIndex}] answers tool_call_id '{id}', but no assistant message before it made that call (Gemini needs the function's name).");
    }

    /// <summary>A tool result as the object <c>functionResponse.response</c> must be: a JSON object as it is, anything else as <c>{"result": …}</c>.</summary>
    private static JsonElement ResponseObject(string content)
    {
        if (JsonText.TryParse(content, out var parsed))
        {
            return parsed.ValueKind == JsonValueKind.Object ? parsed : JsonText.Object("result", parsed);
        }
        return JsonText.Object("result", JsonText.String(content));
    }

    private static GeminiFunctionDeclaration Declaration(ChatTool tool, int index)
    {
        if (tool.Function is not { } function || tool.Type != "function")
        {
            throw new ArgumentException($"tools[{index}] is of type '{tool.Type}'; google.gemini.v1 sends only function tools.");
        }
        return new GeminiFunctionDeclaration(function.Name, function.Description, function.Parameters);
    }

    private static GeminiToolConfig? ToolConfig(ToolChoice? choice) => choice switch
    {
        null => null,
        { FunctionName: { } name } => new GeminiToolConfig(new GeminiFunctionCallingConfig("ANY", [name])),
        { Mode: "none" } => new GeminiToolConfig(new GeminiFunctionCallingConfig("NONE")),
        { Mode: "auto" } => new GeminiToolConfig(new GeminiFunctionCallingConfig("AUTO")),
        { Mode: "required" } => new GeminiToolConfig(new GeminiFunctionCallingConfig("ANY")),
        _ => throw new ArgumentException($"tool_choice '{choice.Mode ?? choice.Raw?.GetRawText()}' cannot be sent to google.gemini.v1 (none, auto, required and a named function are supported)."),
    };

    private static GeminiGenerationConfig? GenerationConfig(ChatCompletionRequest request)
    {
        var (mimeType, schema) = request.ResponseFormat?.Type switch
        {
            null or "text" => ((string?)null, (JsonElement?)null),
            "json_object" => ("application/json", null),
            "json_schema" => ("application/json", request.ResponseFormat.JsonSchema?.Schema),
            var other => throw new ArgumentException($"response_format '{other}' cannot be sent to google.gemini.v1 (text, json_object and json_schema are supported)."),
        };
        var config = new GeminiGenerationConfig
        {
            Temperature = request.Temperature,
            TopP = request.TopP,
            MaxOutputTokens = request.MaxCompletionTokens ?? request.MaxTokens,
            StopSequences = request.Stop is { Count: > 0 } stop ? stop : null,
            CandidateCount = request.N,
            PresencePenalty = request.PresencePenalty,
            FrequencyPenalty = request.FrequencyPenalty,
            Seed = request.Seed is long seed
                ? seed is >= int.MinValue and <= int.MaxValue ? (int)seed : throw new ArgumentException($"seed {seed.ToString(CultureInfo.InvariantCulture)} is outside Gemini's 32-bit range.")
                : null,
            ResponseMimeType = mimeType,
            ResponseJsonSchema = schema,
            ResponseLogprobs = request.Logprobs,
            Logprobs = request.TopLogprobs,
            ThinkingConfig = ThinkingConfig(request.ReasoningEffort),
        };
        return config == Empty ? null : config;
    }

    private static readonly GeminiGenerationConfig Empty = new();

    /// <summary>
    /// <c>reasoning_effort</c> as a thinking budget, with the thought summaries returned (they become reasoning):
    /// the budgets of Google's own OpenAI layer (low 1,024, medium 8,192, high 24,576 tokens; none turns thinking off).
    /// Without it the model's default applies and no thoughts are returned.
    /// </summary>
    private static GeminiThinkingConfig? ThinkingConfig(string? effort) => effort?.ToLowerInvariant() switch
    {
        null => null,
        "none" => new GeminiThinkingConfig(0, null),
        "minimal" or "low" => new GeminiThinkingConfig(1_024, true),
        "medium" => new GeminiThinkingConfig(8_192, true),
        "high" => new GeminiThinkingConfig(24_576, true),
        _ => throw new ArgumentException($"reasoning_effort '{effort}' is not one google.gemini.v1 maps (none, minimal, low, medium, high)."),
    };

    private static JsonElement? Passed(ChatCompletionRequest request, string name) =>
        request.AdditionalProperties?.TryGetValue(name, out var value) == true && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? value : null;
}
