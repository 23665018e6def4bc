using System.Text.Json;

namespace ModelMesh.Simulation;

/// <summary>The fields of a chat completion request the simulated answer depends on, read and checked.</summary>
internal sealed class SimulatedChatRequest
{
    public const int MaxChoices = 16;

    public required string Model { get; init; }

    /// <summary>Each message's role and text, in order.</summary>
    public required IReadOnlyList<(string Role, string Text)> Messages { get; init; }

    /// <summary>The names of the request's function tools, in order.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>Whether <c>tool_choice</c> is <c>none</c>.</summary>
    public bool ToolsOff { get; init; }

    /// <summary>The function <c>tool_choice</c> names, when it names one.</summary>
    public string? ChosenTool { get; init; }

    public int Choices { get; init; } = 1;

    /// <summary><c>max_completion_tokens</c>, else <c>max_tokens</c>: the most words an answer may have.</summary>
    public int? MaxWords { get; init; }

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }

    /// <summary>Whether <c>response_format</c> asks for JSON (<c>json_object</c> or <c>json_schema</c>).</summary>
    public bool WantsJson { get; init; }

    /// <exception cref="SimulatedRequestException">A field is missing or wrong.</exception>
    public static SimulatedChatRequest Read(JsonElement root)
    {
        var model = RequestFields.RequiredString(root, "model");
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw new SimulatedRequestException("'messages' is required and must be a non-empty list of messages.", "messages");
        }
        var read = new List<(string, string)>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = $"messages[{index++}]";
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw new SimulatedRequestException($"'{path}' must be an object; found {RequestFields.Describe(message.ValueKind)}.", path);
            }
            var role = RequestFields.OptionalString(message, "role") ?? throw new SimulatedRequestException($"'{path}.role' is required.", path + ".role");
            read.Add((role, RequestFields.ContentText(message, path)));
        }
        var (toolsOff, chosen) = ReadToolChoice(root);
        var tools = ReadTools(root);
        if (chosen is not null && !tools.Contains(chosen, StringComparer.Ordinal))
        {
            throw new SimulatedRequestException($"'tool_choice' names function '{chosen}', which is not in 'tools'.", "tool_choice");
        }
        var includeUsage = root.TryGetProperty("stream_options", out var streamOptions) && streamOptions.ValueKind == JsonValueKind.Object
            && RequestFields.OptionalBool(streamOptions, "include_usage") == true;
        return new SimulatedChatRequest
        {
            Model = model,
            Messages = read,
            Tools = tools,
            ToolsOff = toolsOff,
            ChosenTool = chosen,
            Choices = RequestFields.OptionalInt(root, "n", 1, MaxChoices) ?? 1,
            MaxWords = RequestFields.OptionalInt(root, "max_completion_tokens", 1, int.MaxValue) ?? RequestFields.OptionalInt(root, "max_tokens", 1, int.MaxValue),
            Stream = RequestFields.OptionalBool(root, "stream") ?? false,
            IncludeUsage = includeUsage,
            WantsJson = root.TryGetProperty("response_format", out var format) && format.ValueKind == JsonValueKind.Object
                && RequestFields.OptionalString(format, "type") is "json_object" or "json_schema",
        };
    }

    private static List<string> ReadTools(JsonElement root)
    {
        var names = new List<string>();
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind == JsonValueKind.Null)
        {
            return names;
        }
        if (tools.ValueKind != JsonValueKind.Array)
        {
            throw new SimulatedRequestException($"'tools' must be a list; found {RequestFields.Describe(tools.ValueKind)}.", "tools");
        }
        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var path = $"tools[{index++}]";
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                continue; // not a function tool: nothing the simulation can call
            }
            names.Add(RequestFields.OptionalString(function, "name") is { Length: > 0 } name ? name : throw new SimulatedRequestException($"'{path}.function.name' is required.", path + ".function.name"));
        }
        return names;
    }

    private static (bool Off, string? Chosen) ReadToolChoice(JsonElement root)
    {
        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return (false, null);
        }
        if (choice.ValueKind == JsonValueKind.String)
        {
            return (choice.ValueEquals("none"), null);
        }
        if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
            && RequestFields.OptionalString(function, "name") is { Length: > 0 } name)
        {
            return (false, name);
        }
        throw new SimulatedRequestException("'tool_choice' must be \"none\", \"auto\", \"required\" or {\"type\":\"function\",\"function\":{\"name\":…}}.", "tool_choice");
    }
}
