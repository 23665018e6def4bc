using System.Text.Json;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.AssemblyAI;

/// <summary>Maps the OpenAI-shaped transcription request and response to AssemblyAI's records.</summary>
internal static class AssemblyAIMapper
{
    private const string ModelPrefix = "assemblyai-";

    /// <summary>The job: the uploaded audio, the speech model (<c>assemblyai-best</c> → <c>best</c>), the language or detection.</summary>
    public static AssemblyAITranscriptRequest Submit(TranscriptionRequest request, string audioUrl)
    {
        var model = request.Model.StartsWith(ModelPrefix, StringComparison.Ordinal) ? request.Model[ModelPrefix.Length..] : request.Model;
        var language = string.IsNullOrWhiteSpace(request.Language) ? null : request.Language;
        return new AssemblyAITranscriptRequest(audioUrl, model, language, language is null ? true : null);
    }

    /// <summary>The completed transcript: text, language, duration in seconds, words with times in seconds.</summary>
    public static TranscriptionResponse Response(AssemblyAITranscript transcript) => new()
    {
        Text = transcript.Text ?? string.Empty,
        Task = "transcribe",
        Language = transcript.LanguageCode,
        Duration = transcript.AudioDuration,
        Words = transcript.Words?.Select(w => new TranscriptionWord { Word = w.Text, Start = w.Start / 1000.0, End = w.End / 1000.0 }).ToArray(),
        Usage = transcript.AudioDuration is { } seconds ? new TranscriptionUsage { Type = "duration", Seconds = seconds } : null,
        AdditionalProperties = new Dictionary<string, JsonElement>
        {
            ["id"] = JsonText.String(transcript.Id),
        },
    };
}
