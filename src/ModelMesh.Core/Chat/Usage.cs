using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh;

/// <summary>Token usage of a request, with the detail breakdowns and (where the upstream reports it) cost.</summary>
public sealed class Usage
{
    /// <summary>Creates empty usage.</summary>
    [JsonConstructor]
    public Usage()
    {
    }

    /// <summary>Creates usage from prompt and completion token counts; the total is their sum.</summary>
    public Usage(int promptTokens, int completionTokens)
    {
        PromptTokens = promptTokens;
        CompletionTokens = completionTokens;
        TotalTokens = promptTokens + completionTokens;
    }

    /// <summary>Tokens in the prompt.</summary>
    [JsonPropertyName("prompt_tokens")]
    public int PromptTokens { get; set; }

    /// <summary>Tokens generated.</summary>
    [JsonPropertyName("completion_tokens")]
    public int CompletionTokens { get; set; }

    /// <summary>Prompt plus completion tokens, as reported.</summary>
    [JsonPropertyName("total_tokens")]
    public int TotalTokens { get; set; }

    /// <summary>Breakdown of the prompt tokens.</summary>
    [JsonPropertyName("prompt_tokens_details")]
    public PromptTokensDetails? PromptTokensDetails { get; set; }

    /// <summary>Breakdown of the completion tokens.</summary>
    [JsonPropertyName("completion_tokens_details")]
    public CompletionTokensDetails? CompletionTokensDetails { get; set; }

    /// <summary>Cost in US dollars, when the upstream reports it (OpenRouter does).</summary>
    [JsonPropertyName("cost")]
    public decimal? Cost { get; set; }

    /// <summary>Fields not modelled above (provider timings, cache counters, …).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Breakdown of prompt tokens.</summary>
public sealed class PromptTokensDetails
{
    /// <summary>Prompt tokens served from the upstream's cache.</summary>
    [JsonPropertyName("cached_tokens")]
    public int? CachedTokens { get; set; }

    /// <summary>Audio tokens in the prompt.</summary>
    [JsonPropertyName("audio_tokens")]
    public int? AudioTokens { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Breakdown of completion tokens.</summary>
public sealed class CompletionTokensDetails
{
    /// <summary>Tokens spent on reasoning.</summary>
    [JsonPropertyName("reasoning_tokens")]
    public int? ReasoningTokens { get; set; }

    /// <summary>Audio tokens generated.</summary>
    [JsonPropertyName("audio_tokens")]
    public int? AudioTokens { get; set; }

    /// <summary>Predicted-output tokens that appeared in the completion.</summary>
    [JsonPropertyName("accepted_prediction_tokens")]
    public int? AcceptedPredictionTokens { get; set; }

    /// <summary>Predicted-output tokens that did not appear in the completion.</summary>
    [JsonPropertyName("rejected_prediction_tokens")]
    public int? RejectedPredictionTokens { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
