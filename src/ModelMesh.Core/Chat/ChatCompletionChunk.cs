using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh;

/// <summary>One chunk of a streamed chat completion, field for field as OpenAI sends it.</summary>
public sealed class ChatCompletionChunk
{
    /// <summary>The completion id (the same on every chunk of a stream).</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The object type, <c>chat.completion.chunk</c>.</summary>
    [JsonPropertyName("object")]
    public string Object { get; set; } = "chat.completion.chunk";

    /// <summary>Unix time (seconds) the completion was created.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The model that produced it.</summary>
    [JsonPropertyName("model")]
    public string Model { get; set; } = string.Empty;

    /// <summary>The choices this chunk updates; empty on usage-only and filter-result chunks.</summary>
    [JsonPropertyName("choices")]
    public IReadOnlyList<ChatChunkChoice> Choices { get; set; } = [];

    /// <summary>Usage of the whole request, on the chunk that reports it.</summary>
    [JsonPropertyName("usage")]
    public Usage? Usage { get; set; }

    /// <summary>The backend configuration fingerprint.</summary>
    [JsonPropertyName("system_fingerprint")]
    public string? SystemFingerprint { get; set; }

    /// <summary>The service tier that processed the request.</summary>
    [JsonPropertyName("service_tier")]
    public string? ServiceTier { get; set; }

    /// <summary>Fields not modelled above (filter results, provider extras, …).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>
    /// A chunk with one choice whose delta is <paramref name="text"/> (for mapping hooks of connectors whose stream
    /// events carry text deltas). A finish reason without text, or usage alone, makes a closing chunk.
    /// </summary>
    /// <param name="id">The completion id.</param>
    /// <param name="model">The model that answered.</param>
    /// <param name="text">The text delta, or null.</param>
    /// <param name="finishReason">The finish reason when the choice ends here (<see cref="ModelMesh.FinishReason"/>), or null.</param>
    /// <param name="usage">Token usage when the event reports it, or null.</param>
    public static ChatCompletionChunk FromText(string id, string model, string? text, string? finishReason = null, Usage? usage = null) => new()
    {
        Id = id,
        Model = model,
        Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Usage = usage,
        Choices = [new ChatChunkChoice(new ChatDelta { Content = text }) { Index = 0, FinishReason = finishReason }],
    };

    /// <summary>One chunk carrying a whole completion (for an upstream that answered a stream request in one piece, or a fallback answer).</summary>
    /// <param name="completion">The completion to carry.</param>
    public static ChatCompletionChunk FromCompletion(ChatCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return new()
        {
            Id = completion.Id,
            Created = completion.Created,
            Model = completion.Model,
            SystemFingerprint = completion.SystemFingerprint,
            ServiceTier = completion.ServiceTier,
            Usage = completion.Usage,
            Choices = completion.Choices.Select(c => new ChatChunkChoice(new ChatDelta
            {
                Role = c.Message.Role,
                Content = c.Message.Text is { Length: > 0 } text ? text : null,
                Refusal = c.Message.Refusal,
                ReasoningContent = c.Message.ReasoningContent,
                ThinkingBlocks = c.Message.ThinkingBlocks,
                ToolCalls = c.Message.ToolCalls?.Select((t, i) => new ChatToolCallDelta
                {
                    Index = i,
                    Id = t.Id,
                    Type = t.Type,
                    Function = new FunctionCallDelta { Name = t.Function.Name, Arguments = t.Function.Arguments },
                }).ToArray(),
            })
            {
                Index = c.Index,
                FinishReason = c.FinishReason,
                Logprobs = c.Logprobs,
            }).ToArray(),
        };
    }
}

/// <summary>The update to one choice carried by a stream chunk.</summary>
public sealed class ChatChunkChoice
{
    /// <summary>Creates a choice with an empty delta.</summary>
    public ChatChunkChoice() : this(new ChatDelta())
    {
    }

    /// <summary>
    /// Creates a choice with the delta already made (readers and mappers, once per chunk: the parameterless
    /// constructor's empty delta would be made only to be replaced).
    /// </summary>
    internal ChatChunkChoice(ChatDelta delta)
    {
        Delta = delta;
    }

    /// <summary>The choice index.</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary>What this chunk adds to the choice (empty when the chunk carries none).</summary>
    [JsonPropertyName("delta")]
    public ChatDelta Delta { get; set; }

    /// <summary>Why generation stopped, on the choice's last chunk.</summary>
    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }

    /// <summary>Log probabilities of this chunk's tokens, when requested.</summary>
    [JsonPropertyName("logprobs")]
    public ChatLogprobs? Logprobs { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The incremental content of a stream chunk's choice.</summary>
public sealed class ChatDelta
{
    /// <summary>The role, usually only on the first chunk.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    /// <summary>More text content.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; set; }

    /// <summary>More refusal text.</summary>
    [JsonPropertyName("refusal")]
    public string? Refusal { get; set; }

    /// <summary>More reasoning text (DeepSeek's <c>reasoning_content</c>).</summary>
    [JsonPropertyName("reasoning_content")]
    public string? ReasoningContent { get; set; }

    /// <summary>More reasoning text (the <c>reasoning</c> spelling used by Ollama and OpenRouter).</summary>
    [JsonPropertyName("reasoning")]
    public string? Reasoning { get; set; }

    /// <summary>Fragments of tool calls.</summary>
    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<ChatToolCallDelta>? ToolCalls { get; set; }

    /// <summary>
    /// Whole signed thinking blocks (Anthropic), each sent once when the upstream closed it; the accumulated answer
    /// keeps them in <see cref="ChatMessage.ThinkingBlocks"/>.
    /// </summary>
    [JsonPropertyName("thinking_blocks")]
    public IReadOnlyList<ThinkingBlock>? ThinkingBlocks { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>A fragment of a tool call in a stream: the first carries id and name, later ones more arguments.</summary>
public sealed class ChatToolCallDelta
{
    /// <summary>Which tool call of the choice this fragment belongs to (some providers omit it).</summary>
    [JsonPropertyName("index")]
    public int? Index { get; set; }

    /// <summary>The call id, on the first fragment.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The tool type, on the first fragment.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The function name and a piece of the arguments.</summary>
    [JsonPropertyName("function")]
    public FunctionCallDelta? Function { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>A fragment of a tool call's function.</summary>
public sealed class FunctionCallDelta
{
    /// <summary>The function name, on the first fragment.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The next piece of the arguments' JSON text.</summary>
    [JsonPropertyName("arguments")]
    public string? Arguments { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
