using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh;

/// <summary>One part of multi-part message content: text, an image, audio, a file or a refusal.</summary>
public sealed class ChatContentPart
{
    /// <summary>The part type: <c>text</c>, <c>image_url</c>, <c>input_audio</c>, <c>file</c> or <c>refusal</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "text";

    /// <summary>The text of a <c>text</c> part.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>The refusal text of a <c>refusal</c> part.</summary>
    [JsonPropertyName("refusal")]
    public string? Refusal { get; set; }

    /// <summary>The image of an <c>image_url</c> part.</summary>
    [JsonPropertyName("image_url")]
    public ImageUrl? ImageUrl { get; set; }

    /// <summary>The audio of an <c>input_audio</c> part.</summary>
    [JsonPropertyName("input_audio")]
    public InputAudio? InputAudio { get; set; }

    /// <summary>Fields not modelled above (for example <c>file</c>).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>A text part.</summary>
    public static ChatContentPart FromText(string text) => new() { Type = "text", Text = text };

    /// <summary>An image part from a URL or a <c>data:</c> URI; <paramref name="detail"/> is <c>auto</c>, <c>low</c> or <c>high</c>.</summary>
    public static ChatContentPart FromImageUrl(string url, string? detail = null) =>
        new() { Type = "image_url", ImageUrl = new ImageUrl { Url = url, Detail = detail } };

    /// <summary>An audio part from base64 data in <paramref name="format"/> (<c>wav</c> or <c>mp3</c>).</summary>
    public static ChatContentPart FromInputAudio(string base64Data, string format) =>
        new() { Type = "input_audio", InputAudio = new InputAudio { Data = base64Data, Format = format } };
}

/// <summary>The image of an <c>image_url</c> content part.</summary>
public sealed class ImageUrl
{
    /// <summary>An https URL or a base64 <c>data:</c> URI.</summary>
    [JsonPropertyName("url")]
    public string Url { get; set; } = string.Empty;

    /// <summary>The detail level: <c>auto</c>, <c>low</c> or <c>high</c>.</summary>
    [JsonPropertyName("detail")]
    public string? Detail { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The audio of an <c>input_audio</c> content part.</summary>
public sealed class InputAudio
{
    /// <summary>Base64-encoded audio.</summary>
    [JsonPropertyName("data")]
    public string Data { get; set; } = string.Empty;

    /// <summary>The audio format: <c>wav</c> or <c>mp3</c>.</summary>
    [JsonPropertyName("format")]
    public string Format { get; set; } = string.Empty;

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
