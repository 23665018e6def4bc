using System.Globalization;

namespace ModelMesh;

/// <summary>
/// The checks OpenAI makes of a chat request before it reaches a model, made by the client API and the gateway
/// alike, so a bad request is refused naming its field rather than tried, and failed, at every model.
/// </summary>
internal static class ChatRequestRules
{
    private static readonly string[] Roles = [ChatRole.System, ChatRole.Developer, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, "function"];

    /// <exception cref="InvalidRequestException">The first field at fault.</exception>
    public static void Check(ChatCompletionRequest request)
    {
        Model(request.Model);
        if (request.Messages is not { Count: > 0 } messages)
        {
            throw new InvalidRequestException("'messages' must be a non-empty array of messages.", "messages", InvalidRequestReason.EmptyArray);
        }
        for (var i = 0; i < messages.Count; i++)
        {
            // The field's path is built only for an error: this loop runs for every request.
            var message = messages[i];
            if (message is null)
            {
                var at = Index("messages", i);
                throw new InvalidRequestException($"'{at}' is null; each message is an object with a 'role'.", at, InvalidRequestReason.InvalidType);
            }
            if (Array.IndexOf(Roles, message.Role) < 0)
            {
                var at = Index("messages", i);
                throw new InvalidRequestException(
                    $"'{at}.role' is {Quote(message.Role)}; expected one of {string.Join(", ", Roles.Take(5).Select(r => $"'{r}'"))}.",
                    at + ".role", InvalidRequestReason.InvalidValue);
            }
            if (message.Role == ChatRole.Tool && string.IsNullOrEmpty(message.ToolCallId))
            {
                var at = Index("messages", i);
                throw new InvalidRequestException($"'{at}' is a tool message without '{at}.tool_call_id'.", at + ".tool_call_id", InvalidRequestReason.MissingRequired);
            }
            if (message.Role is ChatRole.User or ChatRole.System or ChatRole.Developer && message.Content is null && message.ContentParts is null)
            {
                var at = Index("messages", i);
                throw new InvalidRequestException($"'{at}' ({message.Role}) has no '{at}.content'.", at + ".content", InvalidRequestReason.MissingRequired);
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
            throw new InvalidRequestException("'stop' may hold at most 4 sequences.", "stop", InvalidRequestReason.InvalidValue);
        }
        if (request.Tools is { } tools)
        {
            for (var i = 0; i < tools.Count; i++)
            {
                var tool = tools[i];
                if (tool is null || (tool.Type == "function" && string.IsNullOrWhiteSpace(tool.Function?.Name)))
                {
                    var at = Index("tools", i) + ".function.name";
                    throw new InvalidRequestException($"'{Index("tools", i)}' is a function tool without '{at}'.", at, InvalidRequestReason.MissingRequired);
                }
            }
        }
    }

    /// <summary>A request's <c>model</c>: required, whatever it names.</summary>
    public static void Model(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new InvalidRequestException("'model' is required: a pool, capability, model id or upstream model name.", "model", InvalidRequestReason.MissingRequired);
        }
    }

    private static void Range(double? value, double min, double max, string param)
    {
        if (value is double v && (double.IsNaN(v) || v < min || v > max))
        {
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"'{param}' is {v}; it must be between {min} and {max}."), param, InvalidRequestReason.InvalidValue);
        }
    }

    private static void Range(long? value, long min, long max, string param)
    {
        if (value is long v && (v < min || v > max))
        {
            var bound = max == int.MaxValue ? string.Create(CultureInfo.InvariantCulture, $"at least {min}") : string.Create(CultureInfo.InvariantCulture, $"between {min} and {max}");
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture, $"'{param}' is {v}; it must be {bound}."), param, InvalidRequestReason.InvalidValue);
        }
    }

    private static string Index(string name, int i) => string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]");

    /// <summary>A caller's value echoed in a message: bounded, so a megabyte role does not come back.</summary>
    private static string Quote(string? value) => value is null ? "null" : "'" + (value.Length <= 64 ? value : value[..64] + "…") + "'";
}
