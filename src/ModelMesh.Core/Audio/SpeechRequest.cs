using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh;

/// <summary>A request to the Speech API (text to speech), field for field as OpenAI's <c>/v1/audio/speech</c> defines it.</summary>
public sealed class SpeechRequest
{
    /// <summary>The pool, capability or model to use.</summary>
    [JsonPropertyName("model")]
    public string Model { get; set; } = string.Empty;

    /// <summary>The text to speak.</summary>
    [JsonPropertyName("input")]
    public string Input { get; set; } = string.Empty;

    /// <summary>The voice (<c>alloy</c>, <c>echo</c>, <c>nova</c>, …).</summary>
    [JsonPropertyName("voice")]
    public string? Voice { get; set; }

    /// <summary>The audio format: <c>mp3</c> (the upstream's default), <c>opus</c>, <c>aac</c>, <c>flac</c>, <c>wav</c> or <c>pcm</c>.</summary>
    [JsonPropertyName("response_format")]
    public string? ResponseFormat { get; set; }

    /// <summary>The speaking speed, 0.25 to 4.0 (1.0 when unset).</summary>
    [JsonPropertyName("speed")]
    public double? Speed { get; set; }

    /// <summary>How to speak: tone, accent, pace (models that support it).</summary>
    [JsonPropertyName("instructions")]
    public string? Instructions { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>A shallow copy: lists are shared, scalar fields can be changed on the copy independently.</summary>
    public SpeechRequest Clone()
    {
        var copy = (SpeechRequest)MemberwiseClone();
        if (AdditionalProperties is not null)
        {
            copy.AdditionalProperties = new Dictionary<string, JsonElement>(AdditionalProperties);
        }
        return copy;
    }
}
