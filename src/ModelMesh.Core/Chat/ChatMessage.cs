using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh.Json;

namespace ModelMesh;

/// <summary>
/// One message of a conversation, in any role. Content is either plain text (<see cref="Content"/>) or a
/// list of parts (<see cref="ContentParts"/>: text, images, audio); <see cref="Text"/> gives the text either way.
/// </summary>
public sealed class ChatMessage
{
    /// <summary>The author's role: <c>system</c>, <c>developer</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    [JsonPropertyName("role")]
    public string Role { get; set; } = ChatRole.User;

    /// <summary>The content when it is plain text (null when it is a list of parts or absent).</summary>
    [JsonIgnore]
    public string? Content
    {
        get => WireContent?.Text;
        set => WireContent = value is null ? null : new MessageContent(value);
    }

    /// <summary>The content when it is a list of parts (null when it is plain text or absent).</summary>
    [JsonIgnore]
    public IReadOnlyList<ChatContentPart>? ContentParts
    {
        get => WireContent?.Parts;
        set => WireContent = value is null ? null : new MessageContent(value);
    }

    /// <summary>The <c>content</c> field as it is on the wire: a string, an array of parts, or null.</summary>
    [JsonInclude]
    [JsonPropertyName("content")]
    [JsonConverter(typeof(MessageContentConverter))]
    internal MessageContent? WireContent { get; set; }

    /// <summary>The assistant's refusal message, when it refused.</summary>
    [JsonPropertyName("refusal")]
    public string? Refusal { get; set; }

    /// <summary>An optional name for the participant.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Tool calls the assistant made.</summary>
    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<ChatToolCall>? ToolCalls { get; set; }

    /// <summary>For a <c>tool</c> message: the id of the call it answers.</summary>
    [JsonPropertyName("tool_call_id")]
    public string? ToolCallId { get; set; }

    /// <summary>Reasoning text returned by reasoning models (DeepSeek's <c>reasoning_content</c>).</summary>
    [JsonPropertyName("reasoning_content")]
    public string? ReasoningContent { get; set; }

    /// <summary>
    /// The signed thinking blocks of an assistant turn (Anthropic), to send back unchanged with the next request;
    /// see <see cref="ThinkingBlock"/>.
    /// </summary>
    [JsonPropertyName("thinking_blocks")]
    public IReadOnlyList<ThinkingBlock>? ThinkingBlocks { get; set; }

    /// <summary>Fields not modelled above (annotations, audio, …), kept so that nothing is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>A shallow copy without <see cref="ThinkingBlocks"/>.</summary>
    internal ChatMessage WithoutThinkingBlocks()
    {
        var copy = (ChatMessage)MemberwiseClone();
        copy.ThinkingBlocks = null;
        return copy;
    }

    /// <summary>The text of the message: <see cref="Content"/>, or the text parts joined; empty when there is none.</summary>
    [JsonIgnore]
    public string Text
    {
        get
        {
            if (WireContent is null)
            {
                return string.Empty;
            }
            if (WireContent.Text is not null)
            {
                return WireContent.Text;
            }
            var text = new StringBuilder();
            foreach (var part in WireContent.Parts!)
            {
                if (part.Text is not null)
                {
                    text.Append(part.Text);
                }
            }
            return text.ToString();
        }
    }

    /// <summary>A system message.</summary>
    public static ChatMessage System(string content) => new() { Role = ChatRole.System, Content = content };

    /// <summary>A developer message (instructions for reasoning models, in place of system).</summary>
    public static ChatMessage Developer(string content) => new() { Role = ChatRole.Developer, Content = content };

    /// <summary>A user message with text content.</summary>
    public static ChatMessage User(string content) => new() { Role = ChatRole.User, Content = content };

    /// <summary>A user message with multi-part content (text, images, audio).</summary>
    public static ChatMessage User(IReadOnlyList<ChatContentPart> parts) => new() { Role = ChatRole.User, ContentParts = parts };

    /// <summary>An assistant message, optionally with the tool calls it made.</summary>
    public static ChatMessage Assistant(string? content, IReadOnlyList<ChatToolCall>? toolCalls = null) =>
        new() { Role = ChatRole.Assistant, Content = content, ToolCalls = toolCalls };

    /// <summary>A tool message answering the call <paramref name="toolCallId"/>.</summary>
    public static ChatMessage Tool(string toolCallId, string content) =>
        new() { Role = ChatRole.Tool, ToolCallId = toolCallId, Content = content };
}

/// <summary>The role names of the Chat Completions API.</summary>
public static class ChatRole
{
    /// <summary><c>system</c></summary>
    public const string System = "system";
    /// <summary><c>developer</c></summary>
    public const string Developer = "developer";
    /// <summary><c>user</c></summary>
    public const string User = "user";
    /// <summary><c>assistant</c></summary>
    public const string Assistant = "assistant";
    /// <summary><c>tool</c></summary>
    public const string Tool = "tool";
}

/// <summary>Message content as on the wire: exactly one of a string or a list of parts.</summary>
internal sealed class MessageContent
{
    public MessageContent(string text) => Text = text;

    public MessageContent(IReadOnlyList<ChatContentPart> parts) => Parts = parts;

    public string? Text { get; }

    public IReadOnlyList<ChatContentPart>? Parts { get; }
}
