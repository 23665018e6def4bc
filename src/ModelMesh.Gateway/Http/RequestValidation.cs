using System.Globalization;
using ModelMesh.Gateway.Errors;

namespace ModelMesh.Gateway.Http;

/// <summary>
/// The checks OpenAI makes before a request reaches a model, so a bad request is a precise 400 naming its field
/// rather than a failed attempt at every upstream.
/// </summary>
internal static class RequestValidation
{
    private static readonly string[] Roles = [ChatRole.System, ChatRole.Developer, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, "function"];

    public static void Validate(ChatCompletionRequest request)
    {
        Model(request.Model);
        if (request.Messages is not { Count: > 0 } messages)
        {
            throw GatewayRequestException.Invalid("'messages' must be a non-empty array of messages.", "messages", "empty_array");
        }
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message is null)
            {
                throw GatewayRequestException.Invalid($"'messages[{i}]' is null; each message is an object with a 'role'.", Index("messages", i), "invalid_type");
            }
            if (Array.IndexOf(Roles, message.Role) < 0)
            {
                throw GatewayRequestException.Invalid(
                    $"'messages[{i}].role' is '{Clip(message.Role)}'; expected one of {string.Join(", ", Roles.Take(5).Select(r => $"'{r}'"))}.",
                    Index("messages", i) + ".role", "invalid_value");
            }
            if (message.Role == ChatRole.Tool && string.IsNullOrEmpty(message.ToolCallId))
            {
                throw GatewayRequestException.Invalid($"'messages[{i}]' is a tool message without 'tool_call_id'.", Index("messages", i) + ".tool_call_id", "missing_required_parameter");
            }
            if (message.Role is ChatRole.User or ChatRole.System or ChatRole.Developer && (message.Content is null && message.ContentParts is null))
            {
                throw GatewayRequestException.Invalid($"'messages[{i}]' ({message.Role}) has no 'content'.", Index("messages", i) + ".content", "missing_required_parameter");
            }
        }
        Range(request.Temperature, 0, 2, "temperature");
        Range(request.TopP, 0, 1, "top_p");
        Range(request.PresencePenalty, -2, 2, "presence_penalty");
        Range(request.FrequencyPenalty, -2, 2, "frequency_penalty");
        Range(request.N, 1, 128, "n");
        Range(request.TopLogprobs, 0, 20, "top_logprobs");
        Range(request.MaxTokens, 1, int.MaxValue, "max_tokens");
        Range(request.MaxCompletionTokens, 1, int.MaxValue, "max_completion_tokens");
        if (request.Stop is { Count: > 4 })
        {
            throw GatewayRequestException.Invalid("'stop' may hold at most 4 sequences.", "stop", "invalid_value");
        }
        if (request.Tools is { } tools)
        {
            for (var i = 0; i < tools.Count; i++)
            {
                var tool = tools[i];
                if (tool is null || (tool.Type == "function" && string.IsNullOrWhiteSpace(tool.Function?.Name)))
                {
                    throw GatewayRequestException.Invalid($"'tools[{i}]' is a function tool without 'function.name'.", Index("tools", i) + ".function.name", "missing_required_parameter");
                }
            }
        }
        if (request.StreamOptions is not null && request.Stream != true)
        {
            throw GatewayRequestException.Invalid("'stream_options' is only allowed when 'stream' is true.", "stream_options", "invalid_value");
        }
    }

    public static void Validate(EmbeddingRequest request)
    {
        Model(request.Model);
        if (request.Input is null || request.Input.Count == 0)
        {
            throw GatewayRequestException.Invalid("'input' must be a non-empty string or array.", "input", "empty_array");
        }
        if (request.Input.Texts is { } texts && texts.Any(string.IsNullOrEmpty))
        {
            throw GatewayRequestException.Invalid("'input' holds an empty string; every input must have text.", "input", "invalid_value");
        }
        if (request.EncodingFormat is not (null or "float" or "base64"))
        {
            throw GatewayRequestException.Invalid($"'encoding_format' is '{Clip(request.EncodingFormat)}'; expected 'float' or 'base64'.", "encoding_format", "invalid_value");
        }
        Range(request.Dimensions, 1, 65_536, "dimensions");
    }

    public static void Validate(SpeechRequest request)
    {
        Model(request.Model);
        if (string.IsNullOrEmpty(request.Input))
        {
            throw GatewayRequestException.Invalid("'input' must be the text to speak.", "input", "missing_required_parameter");
        }
        Range(request.Speed, 0.25, 4.0, "speed");
    }

    public static void Model(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw GatewayRequestException.Invalid("'model' is required: a pool, capability, model id or upstream model name (GET /v1/models lists them).", "model", "missing_required_parameter");
        }
    }

    private static void Range(double? value, double min, double max, string param)
    {
        if (value is double v && (double.IsNaN(v) || v < min || v > max))
        {
            throw GatewayRequestException.Invalid(string.Create(CultureInfo.InvariantCulture, $"'{param}' is {v}; it must be between {min} and {max}."), param, "invalid_value");
        }
    }

    private static void Range(long? value, long min, long max, string param)
    {
        if (value is long v && (v < min || v > max))
        {
            var bound = max == int.MaxValue ? string.Create(CultureInfo.InvariantCulture, $"at least {min}") : string.Create(CultureInfo.InvariantCulture, $"between {min} and {max}");
            throw GatewayRequestException.Invalid(string.Create(CultureInfo.InvariantCulture, $"'{param}' is {v}; it must be {bound}."), param, "invalid_value");
        }
    }

    private static string Index(string name, int i) => string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]");

    /// <summary>A client's value echoed in a message: bounded, so a megabyte role does not come back.</summary>
    private static string Clip(string? value) => value is null ? "null" : value.Length <= 64 ? value : value[..64] + "…";
}
