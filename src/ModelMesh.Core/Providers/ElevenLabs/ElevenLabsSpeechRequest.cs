using System.Text.Json.Serialization;

namespace ModelMesh.Providers.ElevenLabs;

/// <summary>The body of <c>POST /v1/text-to-speech/{voice_id}</c>.</summary>
internal sealed record ElevenLabsSpeechRequest(
    string Text,
    [property: JsonPropertyName("model_id")] string ModelId,
    [property: JsonPropertyName("voice_settings")] ElevenLabsVoiceSettings VoiceSettings);

/// <summary>The voice settings sent with every request (the reference's defaults unless configured).</summary>
internal sealed record ElevenLabsVoiceSettings(
    double Stability,
    [property: JsonPropertyName("similarity_boost")] double SimilarityBoost,
    double? Speed);
