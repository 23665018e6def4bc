using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh;

/// <summary>
/// The response of the Transcriptions API. For the <c>json</c> and <c>verbose_json</c> formats it is the
/// upstream's JSON; for <c>text</c>, <c>srt</c> and <c>vtt</c> the upstream's whole body is in <see cref="Text"/>.
/// </summary>
public sealed class TranscriptionResponse
{
    /// <summary>The transcribed text (or the subtitle file, for <c>srt</c> and <c>vtt</c>).</summary>
    [JsonPropertyName("text")]
    public string Text { get; set; } = string.Empty;

    /// <summary>The task performed, <c>transcribe</c> (<c>verbose_json</c>).</summary>
    [JsonPropertyName("task")]
    public string? Task { get; set; }

    /// <summary>The detected or given language (<c>verbose_json</c>).</summary>
    [JsonPropertyName("language")]
    public string? Language { get; set; }

    /// <summary>The audio's duration in seconds (<c>verbose_json</c>).</summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; set; }

    /// <summary>Word timestamps, when <c>word</c> granularity was asked for.</summary>
    [JsonPropertyName("words")]
    public IReadOnlyList<TranscriptionWord>? Words { get; set; }

    /// <summary>Segments with timestamps, with <c>verbose_json</c>.</summary>
    [JsonPropertyName("segments")]
    public IReadOnlyList<TranscriptionSegment>? Segments { get; set; }

    /// <summary>Usage, when the upstream reports it (tokens or seconds of audio).</summary>
    [JsonPropertyName("usage")]
    public TranscriptionUsage? Usage { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One transcribed word with its timing.</summary>
public sealed class TranscriptionWord
{
    /// <summary>The word.</summary>
    [JsonPropertyName("word")]
    public string Word { get; set; } = string.Empty;

    /// <summary>Start time in seconds.</summary>
    [JsonPropertyName("start")]
    public double Start { get; set; }

    /// <summary>End time in seconds.</summary>
    [JsonPropertyName("end")]
    public double End { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One transcribed segment with its timing and decoding statistics.</summary>
public sealed class TranscriptionSegment
{
    /// <summary>The segment's index.</summary>
    [JsonPropertyName("id")]
    public int Id { get; set; }

    /// <summary>The seek offset of the segment.</summary>
    [JsonPropertyName("seek")]
    public int? Seek { get; set; }

    /// <summary>Start time in seconds.</summary>
    [JsonPropertyName("start")]
    public double Start { get; set; }

    /// <summary>End time in seconds.</summary>
    [JsonPropertyName("end")]
    public double End { get; set; }

    /// <summary>The segment's text.</summary>
    [JsonPropertyName("text")]
    public string Text { get; set; } = string.Empty;

    /// <summary>The segment's token ids.</summary>
    [JsonPropertyName("tokens")]
    public IReadOnlyList<int>? Tokens { get; set; }

    /// <summary>The temperature used for the segment.</summary>
    [JsonPropertyName("temperature")]
    public double? Temperature { get; set; }

    /// <summary>The average log probability; below -1 suggests a poor transcription.</summary>
    [JsonPropertyName("avg_logprob")]
    public double? AvgLogprob { get; set; }

    /// <summary>The compression ratio; above 2.4 suggests a failed (repetitive) decoding.</summary>
    [JsonPropertyName("compression_ratio")]
    public double? CompressionRatio { get; set; }

    /// <summary>The probability that the segment is silence.</summary>
    [JsonPropertyName("no_speech_prob")]
    public double? NoSpeechProb { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Usage of a transcription: tokens (<c>type: tokens</c>) or seconds of audio (<c>type: duration</c>).</summary>
public sealed class TranscriptionUsage
{
    /// <summary>How usage is measured: <c>tokens</c> or <c>duration</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Input (audio and prompt) tokens.</summary>
    [JsonPropertyName("input_tokens")]
    public int? InputTokens { get; set; }

    /// <summary>Output (text) tokens.</summary>
    [JsonPropertyName("output_tokens")]
    public int? OutputTokens { get; set; }

    /// <summary>Total tokens billed.</summary>
    [JsonPropertyName("total_tokens")]
    public int? TotalTokens { get; set; }

    /// <summary>Seconds of audio billed (<c>type: duration</c>).</summary>
    [JsonPropertyName("seconds")]
    public double? Seconds { get; set; }

    /// <summary>Fields not modelled above (for example <c>input_token_details</c>).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
