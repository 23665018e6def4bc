using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh.Json;

namespace ModelMesh;

/// <summary>
/// A request to the Chat Completions API, field for field as OpenAI defines it. <see cref="Model"/> names a
/// pool id, a capability short name or path, or (sent to a provider) the upstream model id.
/// Fields this type does not model are kept in <see cref="AdditionalProperties"/> and sent on unchanged.
/// </summary>
public sealed class ChatCompletionRequest
{
    /// <summary>The pool, capability or model to use.</summary>
    [JsonPropertyName("model")]
    public string Model { get; set; } = string.Empty;

    /// <summary>The conversation so far.</summary>
    [JsonPropertyName("messages")]
    public IReadOnlyList<ChatMessage> Messages { get; set; } = [];

    /// <summary>Penalty (-2 to 2) for tokens by how often they already appeared.</summary>
    [JsonPropertyName("frequency_penalty")]
    public double? FrequencyPenalty { get; set; }

    /// <summary>Bias (-100 to 100) added to the logits of the given token ids.</summary>
    [JsonPropertyName("logit_bias")]
    public IReadOnlyDictionary<string, int>? LogitBias { get; set; }

    /// <summary>Whether to return log probabilities of the output tokens.</summary>
    [JsonPropertyName("logprobs")]
    public bool? Logprobs { get; set; }

    /// <summary>How many most likely tokens (0–20) to return at each position; needs <see cref="Logprobs"/>.</summary>
    [JsonPropertyName("top_logprobs")]
    public int? TopLogprobs { get; set; }

    /// <summary>The most tokens to generate (legacy name; reasoning models use <see cref="MaxCompletionTokens"/>).</summary>
    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; set; }

    /// <summary>The most tokens to generate, reasoning tokens included.</summary>
    [JsonPropertyName("max_completion_tokens")]
    public int? MaxCompletionTokens { get; set; }

    /// <summary>How many choices to generate.</summary>
    [JsonPropertyName("n")]
    public int? N { get; set; }

    /// <summary>Penalty (-2 to 2) for tokens that already appeared at all.</summary>
    [JsonPropertyName("presence_penalty")]
    public double? PresencePenalty { get; set; }

    /// <summary>The output format: text, a JSON object or a JSON schema.</summary>
    [JsonPropertyName("response_format")]
    public ResponseFormat? ResponseFormat { get; set; }

    /// <summary>Seed for best-effort deterministic sampling (64-bit).</summary>
    [JsonPropertyName("seed")]
    public long? Seed { get; set; }

    /// <summary>The service tier to process the request with.</summary>
    [JsonPropertyName("service_tier")]
    public string? ServiceTier { get; set; }

    /// <summary>Up to four sequences where generation stops; sent as a string when there is one.</summary>
    [JsonPropertyName("stop")]
    [JsonConverter(typeof(StopSequencesConverter))]
    public IReadOnlyList<string>? Stop { get; set; }

    /// <summary>Whether to stream the answer as server-sent events. Set by the client methods; leave it unset.</summary>
    [JsonPropertyName("stream")]
    public bool? Stream { get; set; }

    /// <summary>Streaming options (for example whether a final usage chunk is sent).</summary>
    [JsonPropertyName("stream_options")]
    public StreamOptions? StreamOptions { get; set; }

    /// <summary>Sampling temperature (0–2).</summary>
    [JsonPropertyName("temperature")]
    public double? Temperature { get; set; }

    /// <summary>Nucleus sampling probability mass.</summary>
    [JsonPropertyName("top_p")]
    public double? TopP { get; set; }

    /// <summary>Tools (functions) the model may call.</summary>
    [JsonPropertyName("tools")]
    public IReadOnlyList<ChatTool>? Tools { get; set; }

    /// <summary>Whether and which tool the model must call.</summary>
    [JsonPropertyName("tool_choice")]
    public ToolChoice? ToolChoice { get; set; }

    /// <summary>Whether the model may call several tools in one turn.</summary>
    [JsonPropertyName("parallel_tool_calls")]
    public bool? ParallelToolCalls { get; set; }

    /// <summary>Reasoning effort for reasoning models (<c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c>).</summary>
    [JsonPropertyName("reasoning_effort")]
    public string? ReasoningEffort { get; set; }

    /// <summary>A stable end-user identifier for abuse monitoring.</summary>
    [JsonPropertyName("user")]
    public string? User { get; set; }

    /// <summary>Key/value metadata stored with the request.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; set; }

    /// <summary>Whether the upstream may store the completion.</summary>
    [JsonPropertyName("store")]
    public bool? Store { get; set; }

    /// <summary>Output modalities (for example <c>text</c>, <c>audio</c>).</summary>
    [JsonPropertyName("modalities")]
    public IReadOnlyList<string>? Modalities { get; set; }

    /// <summary>Fields not modelled above, kept so that nothing a client sent is lost.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>
    /// Checks the request as OpenAI does before it reaches a model: a model named, at least one message, each with
    /// a known role and the fields its role requires, values within their ranges, named function tools. The mesh
    /// calls it before routing, so a bad request is refused at once rather than failed at every model.
    /// </summary>
    /// <exception cref="InvalidRequestException">The first field at fault, by its JSON path (<c>messages[1].role</c>).</exception>
    public void Validate() => ChatRequestRules.Check(this);

    /// <summary>A shallow copy: lists are shared, scalar fields can be changed on the copy independently.</summary>
    public ChatCompletionRequest Clone()
    {
        var copy = (ChatCompletionRequest)MemberwiseClone();
        if (AdditionalProperties is not null)
        {
            copy.AdditionalProperties = new Dictionary<string, JsonElement>(AdditionalProperties);
        }
        return copy;
    }

    /// <summary>
    /// This request, or a copy whose messages carry no <see cref="ChatMessage.ThinkingBlocks"/>: signed thinking is
    /// Anthropic's, and an OpenAI-format upstream would refuse or misread it after a failover.
    /// </summary>
    internal ChatCompletionRequest WithoutThinkingBlocks()
    {
        var any = false;
        for (var i = 0; i < Messages.Count && !any; i++)
        {
            any = Messages[i].ThinkingBlocks is not null;
        }
        if (!any)
        {
            return this; // the usual case: no copy, no allocation
        }
        var copy = Clone();
        copy.Messages = Messages.Select(m => m.ThinkingBlocks is null ? m : m.WithoutThinkingBlocks()).ToArray();
        return copy;
    }
}

/// <summary>Options for streamed responses.</summary>
public sealed class StreamOptions
{
    /// <summary>Whether the stream ends with a chunk that carries the usage of the whole request.</summary>
    [JsonPropertyName("include_usage")]
    public bool? IncludeUsage { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
