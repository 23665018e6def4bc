using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Samples.Audio;

/// <summary>
/// The provider for VoxCorp's speech API: text to speech at <c>POST /v2/synthesize</c> (a JSON request of its own,
/// the audio itself as the answer) and speech to text at <c>POST /v2/transcribe</c> (the usual multipart upload,
/// a JSON transcript of its own). Wire records and mapping hooks only: the generator writes the JSON code, and the
/// hooks not declared here keep the CDK's defaults (Bearer auth, the multipart form, reading the audio body).
/// </summary>
[Provider("vox.speech.v1", BaseUrl = "https://api.vox.example.com", ApiKeyEnv = "VOX_API_KEY")]
[ModelInfo("vox-tts-1", "generation.audio.text-to-speech", InputPricePer1K = 0.015)]
[ModelInfo("vox-stt-1", "understanding.audio.speech-to-text", PricePerRequest = 0.001)]
public partial class VoxProvider : BaseProvider
{
    /// <summary>The sample rate asked for: Vox's default, 24 kHz.</summary>
    public const int SampleRate = 24_000;

    // ── Text to speech ──────────────────────────────────────────────

    [HookOverride(ProviderHook.GetSpeechEndpoint)]
    private static string SpeechEndpoint() => "/v2/synthesize";

    /// <summary>OpenAI-shaped <see cref="SpeechRequest"/> to Vox's request: its own names and an <c>output</c> object.</summary>
    [HookOverride(ProviderHook.BuildSpeechPayload)]
    private static VoxSpeechRequest BuildSpeech(SpeechRequest r) =>
        new(r.Model, r.Input, r.Voice ?? "aria", new VoxOutput(r.ResponseFormat ?? "wav", SampleRate, r.Speed));

    // ParseSpeechResponse is not overridden: Vox answers with the audio bytes and an audio/* content type, which
    // the default turns into a SpeechResult (and a JSON body into an in-band error).

    // ── Speech to text ──────────────────────────────────────────────

    [HookOverride(ProviderHook.GetTranscriptionEndpoint)]
    private static string TranscriptionEndpoint() => "/v2/transcribe";

    /// <summary>Vox's transcript to the OpenAI-shaped response: seconds instead of milliseconds, its usage as duration.</summary>
    [HookOverride(ProviderHook.ParseTranscriptionResponse)]
    private static TranscriptionResponse ParseTranscript(VoxTranscription t) => new()
    {
        Text = t.Transcript.Text,
        Language = t.Transcript.Language,
        Duration = t.Transcript.DurationMs / 1000.0,
        Words = t.Transcript.Words?.Select(w => new TranscriptionWord { Word = w.Word, Start = w.StartMs / 1000.0, End = w.EndMs / 1000.0 }).ToArray(),
        Usage = new TranscriptionUsage { Type = "duration", Seconds = t.BilledSeconds },
    };

    // ── Errors ──────────────────────────────────────────────────────

    /// <summary>Vox's error body, <c>{"error_code": "…", "detail": "…"}</c>; null (not a Vox error) falls back to the default.</summary>
    [HookOverride(ProviderHook.ClassifyError)]
    private static ErrorClassification? Classify(VoxError e) => e.ErrorCode switch
    {
        "voice_not_found" or "unsupported_format" or "unreadable_audio" => new(ProviderErrorCategory.Client, IsRetryable: false) { Code = e.ErrorCode, Message = e.Detail },
        "capacity" => new(ProviderErrorCategory.Server, IsRetryable: true) { Code = e.ErrorCode, Message = e.Detail },
        _ => null,
    };
}

// The wire records: camelCase by default (model, text, output, format, speed), Vox's snake_case names where they differ.

public sealed record VoxSpeechRequest(string Model, string Text, [property: JsonPropertyName("voice_id")] string VoiceId, VoxOutput Output);

public sealed record VoxOutput(string Format, [property: JsonPropertyName("sample_rate")] int SampleRate, double? Speed);

public sealed record VoxTranscription(
    [property: JsonPropertyName("request_id")] string RequestId,
    VoxTranscript Transcript,
    [property: JsonPropertyName("billed_seconds")] double? BilledSeconds);

public sealed record VoxTranscript(string Text, string? Language, [property: JsonPropertyName("duration_ms")] int DurationMs, IReadOnlyList<VoxWord>? Words);

public sealed record VoxWord(string Word, [property: JsonPropertyName("start_ms")] int StartMs, [property: JsonPropertyName("end_ms")] int EndMs);

public sealed record VoxError([property: JsonPropertyName("error_code")] string? ErrorCode, string? Detail);
