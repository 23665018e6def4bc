using System.Text;
using System.Text.Json;

namespace ModelMesh.Simulation;

/// <summary>
/// What the simulated model answers: a tool call, or a fixed text built from the conversation, cut into the
/// words it is streamed as. The same request always gets the same answer.
/// </summary>
internal sealed class SimulatedAnswer
{
    private const int QuotedPromptChars = 80;
    private const int QuotedToolResultChars = 200;

    private const string About =
        "This reply comes from ModelMesh's built-in simulated provider: it is deterministic and no model wrote it. " +
        "To reach a real model, set OPENAI_API_KEY (or another provider's API key) in the environment, or pass --config with a configuration file.";

    private SimulatedAnswer(IReadOnlyList<string> pieces, string finishReason, string? toolName, string? toolCallId)
    {
        Pieces = pieces;
        FinishReason = finishReason;
        ToolName = toolName;
        ToolCallId = toolCallId;
    }

    /// <summary>The text as streamed: one word per piece, each with the space that follows it (the last has none).</summary>
    public IReadOnlyList<string> Pieces { get; }

    /// <summary>The whole text: the pieces joined.</summary>
    public string Text => string.Concat(Pieces);

    /// <summary><c>stop</c>, <c>length</c> (cut by the request's token limit) or <c>tool_calls</c>.</summary>
    public string FinishReason { get; }

    /// <summary>The function called, when the answer is a tool call.</summary>
    public string? ToolName { get; }

    /// <summary>The id of the tool call, when the answer is one.</summary>
    public string? ToolCallId { get; }

    /// <summary>The arguments of the tool call: the simulation has none to give.</summary>
    public static string ToolArguments => "{}";

    /// <summary>Completion tokens of one choice: a word counts as one, and so does a tool call.</summary>
    public int CompletionTokens => ToolName is null ? Pieces.Count : 1;

    public static SimulatedAnswer For(SimulatedChatRequest request, string requestHash)
    {
        var last = request.Messages[^1];
        if (request.Tools.Count > 0 && !request.ToolsOff && last.Role == "user")
        {
            return new SimulatedAnswer([], "tool_calls", request.ChosenTool ?? request.Tools[0], "call_sim_" + requestHash[..12]);
        }
        var text = last.Role == "tool"
            ? $"Simulated answer after the tool call: the tool returned \"{Quote(last.Text, QuotedToolResultChars)}\". {About}"
            : $"Simulated answer to \"{Quote(LastUserText(request) ?? last.Text, QuotedPromptChars)}\": {About}";
        if (request.WantsJson)
        {
            text = Encoding.UTF8.GetString(UpstreamResponses.JsonBytes(w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("simulated", true);
                w.WriteString("answer", text);
                w.WriteEndObject();
            }));
            text = text.Replace("\",\"", "\", \"", StringComparison.Ordinal); // so the keys stream as words of their own
        }
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var count = Math.Min(words.Length, request.MaxWords ?? int.MaxValue);
        var pieces = new string[count];
        for (var i = 0; i < count; i++)
        {
            pieces[i] = i < count - 1 ? words[i] + " " : words[i];
        }
        return new SimulatedAnswer(pieces, count < words.Length ? "length" : "stop", null, null);
    }

    private static string? LastUserText(SimulatedChatRequest request)
    {
        for (var i = request.Messages.Count - 1; i >= 0; i--)
        {
            if (request.Messages[i].Role == "user")
            {
                return request.Messages[i].Text;
            }
        }
        return null;
    }

    /// <summary>The text on one line (runs of white space as one space), cut at <paramref name="max"/> characters with an ellipsis.</summary>
    private static string Quote(string text, int max)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= max)
        {
            return line;
        }
        var cut = char.IsHighSurrogate(line[max - 1]) ? max - 1 : max;
        return line[..cut] + "…";
    }

    /// <summary>Prompt tokens: about four characters a token over every message, at least one.</summary>
    public static int PromptTokens(SimulatedChatRequest request) => Math.Max(1, request.Messages.Sum(m => m.Text.Length) / 4);

    /// <summary>Writes <c>{"id","type","function":{"name","arguments"}}</c> (with <c>index</c> for a stream delta).</summary>
    public void WriteToolCall(Utf8JsonWriter w, bool delta, bool header, bool arguments)
    {
        w.WriteStartObject();
        if (delta)
        {
            w.WriteNumber("index", 0);
        }
        if (header)
        {
            w.WriteString("id", ToolCallId);
            w.WriteString("type", "function");
        }
        w.WriteStartObject("function");
        if (header)
        {
            w.WriteString("name", ToolName);
        }
        w.WriteString("arguments", arguments ? ToolArguments : string.Empty);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
