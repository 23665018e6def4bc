using System.Net.Http.Headers;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.ElevenLabs;

/// <summary>
/// The <c>elevenlabs.tts.v1</c> connector: ElevenLabs text to speech, <c>POST /v1/text-to-speech/{voice_id}</c>
/// with the output format in the query and the audio bytes as the answer. The key (<c>ELEVENLABS_API_KEY</c>) is
/// sent as <c>xi-api-key</c> only. See docs/providers/elevenlabs.md.
/// </summary>
[Provider("elevenlabs.tts.v1", BaseUrl = "https://api.elevenlabs.io", ApiKeyEnv = "ELEVENLABS_API_KEY",
    SettingKeys = [ElevenLabsSettings.VoiceId, ElevenLabsSettings.Stability, ElevenLabsSettings.SimilarityBoost, ElevenLabsSettings.OutputFormat])]
[ModelInfo("eleven_multilingual_v2", "text-to-speech", ContextWindow = 10_000, InputPricePer1K = 0.10)]
[ModelInfo("eleven_turbo_v2_5", "text-to-speech", ContextWindow = 40_000, InputPricePer1K = 0.05)]
[ModelInfo("eleven_flash_v2_5", "text-to-speech", ContextWindow = 40_000, InputPricePer1K = 0.05)]
public sealed partial class ElevenLabsProvider : BaseProvider
{
    /// <summary>The voice used when neither the request nor the <c>voice_id</c> setting names one: Rachel.</summary>
    public const string DefaultVoiceId = "21m00Tcm4TlvDq8ikWAM";

    [HookOverride(ProviderHook.BuildHeaders)]
    private void Headers(HttpRequestHeaders headers)
    {
        if (headers.Authorization is { Scheme: "Bearer" } bearer && bearer.Parameter == Options.ApiKey)
        {
            headers.Authorization = null; // the key goes in xi-api-key only
        }
        if (!string.IsNullOrEmpty(Options.ApiKey) && !headers.Contains("xi-api-key"))
        {
            headers.Add("xi-api-key", Options.ApiKey);
        }
    }

    [HookOverride(ProviderHook.GetSpeechEndpoint)]
    private string SpeechEndpoint(SpeechRequest request)
    {
        var voice = request.Voice ?? Options.Settings?.GetString(ElevenLabsSettings.VoiceId) ?? DefaultVoiceId;
        var format = ElevenLabsSettings.OutputFormatFor(request.ResponseFormat, Options.Settings?.GetString(ElevenLabsSettings.OutputFormat));
        return "/v1/text-to-speech/" + Uri.EscapeDataString(voice) + "?output_format=" + Uri.EscapeDataString(format);
    }

    [HookOverride(ProviderHook.BuildSpeechPayload)]
    private ElevenLabsSpeechRequest BuildSpeech(SpeechRequest request) => new(
        request.Input,
        request.Model,
        new ElevenLabsVoiceSettings(
            Options.Settings?.GetDouble(ElevenLabsSettings.Stability, 0, 1) ?? 0.5,
            Options.Settings?.GetDouble(ElevenLabsSettings.SimilarityBoost, 0, 1) ?? 0.75,
            request.Speed));

    // ParseSpeechResponse keeps the CDK default: the body is the audio (audio/mpeg, audio/pcm, …), a JSON body an error.

    [HookOverride(ProviderHook.ClassifyError)]
    private static ErrorClassification? Classify(ElevenLabsError error) => ElevenLabsErrors.Classify(error);
}
