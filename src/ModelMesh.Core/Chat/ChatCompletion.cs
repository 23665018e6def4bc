using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh;

/// <summary>A complete (non-streamed) chat completion, field for field as OpenAI returns it.</summary>
public sealed class ChatCompletion
{
    /// <summary>The completion id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The object type, <c>chat.completion</c>.</summary>
    [JsonPropertyName("object")]
    public string Object { get; set; } = "chat.completion";

    /// <summary>Unix time (seconds) the completion was created.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The model that produced it.</summary>
    [JsonPropertyName("model")]
    public string Model { get; set; } = string.Empty;

    /// <summary>The generated choices.</summary>
    [JsonPropertyName("choices")]
    public IReadOnlyList<ChatChoice> Choices { get; set; } = [];

    /// <summary>Token usage, when reported.</summary>
    [JsonPropertyName("usage")]
    public Usage? Usage { get; set; }

    /// <summary>The backend configuration fingerprint.</summary>
    [JsonPropertyName("system_fingerprint")]
    public string? SystemFingerprint { get; set; }

    /// <summary>The service tier that processed the request.</summary>
    [JsonPropertyName("service_tier")]
    public string? ServiceTier { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>A completion with one assistant choice holding <paramref name="text"/>, finished with <c>stop</c>.</summary>
    public static ChatCompletion FromText(string id, string model, string text, Usage? usage = null) => new()
    {
        Id = id,
        Model = model,
        Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Choices = [new ChatChoice { Index = 0, Message = ChatMessage.Assistant(text), FinishReason = ModelMesh.FinishReason.Stop }],
        Usage = usage,
    };
}

/// <summary>One choice of a chat completion.</summary>
public sealed class ChatChoice
{
    /// <summary>The choice index.</summary>
    [JsonPropertyName("index")]
    public int Index { get; set; }

    /// <summary>The generated message.</summary>
    [JsonPropertyName("message")]
    public ChatMessage Message { get; set; } = new() { Role = ChatRole.Assistant };

    /// <summary>Why generation stopped (see <see cref="ModelMesh.FinishReason"/>).</summary>
    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }

    /// <summary>Log probabilities, when requested.</summary>
    [JsonPropertyName("logprobs")]
    public ChatLogprobs? Logprobs { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The finish reasons of the Chat Completions API.</summary>
public static class FinishReason
{
    /// <summary>Natural stop or a stop sequence.</summary>
    public const string Stop = "stop";
    /// <summary>The token limit was reached.</summary>
    public const string Length = "length";
    /// <summary>The model called tools.</summary>
    public const string ToolCalls = "tool_calls";
    /// <summary>Content was omitted by a content filter.</summary>
    public const string ContentFilter = "content_filter";
    /// <summary>The model called a function (deprecated form).</summary>
    public const string FunctionCall = "function_call";
}

/// <summary>Log probabilities of a choice's content and refusal tokens.</summary>
public sealed class ChatLogprobs
{
    /// <summary>Per-token log probabilities of the content.</summary>
    [JsonPropertyName("content")]
    public IReadOnlyList<TokenLogprob>? Content { get; set; }

    /// <summary>Per-token log probabilities of the refusal.</summary>
    [JsonPropertyName("refusal")]
    public IReadOnlyList<TokenLogprob>? Refusal { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The log probability of one output token and its most likely alternatives.</summary>
public sealed class TokenLogprob
{
    /// <summary>The token.</summary>
    [JsonPropertyName("token")]
    public string Token { get; set; } = string.Empty;

    /// <summary>Its log probability.</summary>
    [JsonPropertyName("logprob")]
    public double Logprob { get; set; }

    /// <summary>Its UTF-8 bytes (tokens may split characters).</summary>
    [JsonPropertyName("bytes")]
    public IReadOnlyList<int>? Bytes { get; set; }

    /// <summary>The most likely tokens at this position.</summary>
    [JsonPropertyName("top_logprobs")]
    public IReadOnlyList<TopLogprob>? TopLogprobs { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One of the most likely tokens at a position.</summary>
public sealed class TopLogprob
{
    /// <summary>The token.</summary>
    [JsonPropertyName("token")]
    public string Token { get; set; } = string.Empty;

    /// <summary>Its log probability.</summary>
    [JsonPropertyName("logprob")]
    public double Logprob { get; set; }

    /// <summary>Its UTF-8 bytes.</summary>
    [JsonPropertyName("bytes")]
    public IReadOnlyList<int>? Bytes { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
