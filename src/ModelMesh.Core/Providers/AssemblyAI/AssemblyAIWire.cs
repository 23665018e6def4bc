using System.Text.Json.Serialization;

namespace ModelMesh.Providers.AssemblyAI;

/// <summary>The answer of <c>POST /v2/upload</c>: where the uploaded audio now is.</summary>
internal sealed record AssemblyAIUpload([property: JsonPropertyName("upload_url")] string UploadUrl);

/// <summary>The body of <c>POST /v2/transcript</c>.</summary>
internal sealed record AssemblyAITranscriptRequest(
    [property: JsonPropertyName("audio_url")] string AudioUrl,
    [property: JsonPropertyName("speech_model")] string? SpeechModel,
    [property: JsonPropertyName("language_code")] string? LanguageCode,
    [property: JsonPropertyName("language_detection")] bool? LanguageDetection);

/// <summary>A transcript job, as submitted and as polled: <c>queued</c>, <c>processing</c>, <c>completed</c> or <c>error</c>.</summary>
internal sealed record AssemblyAITranscript(
    string Id,
    string Status,
    string? Text,
    string? Error,
    [property: JsonPropertyName("language_code")] string? LanguageCode,
    [property: JsonPropertyName("audio_duration")] double? AudioDuration,
    double? Confidence,
    List<AssemblyAIWord>? Words)
{
    public const string Completed = "completed";
    public const string Failed = "error";
}

/// <summary>One word with its times in milliseconds.</summary>
internal sealed record AssemblyAIWord(string Text, long Start, long End, double? Confidence);

/// <summary>An error body, <c>{"error": "…"}</c>; a failed transcript carries the same member.</summary>
internal sealed record AssemblyAIError(string? Error);
