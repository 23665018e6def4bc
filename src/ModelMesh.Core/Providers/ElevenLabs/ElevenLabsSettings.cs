namespace ModelMesh.Providers.ElevenLabs;

/// <summary>The connector's own <c>config:</c> keys and the output formats it maps.</summary>
internal static class ElevenLabsSettings
{
    public const string VoiceId = "voice_id";
    public const string Stability = "stability";
    public const string SimilarityBoost = "similarity_boost";
    public const string OutputFormat = "output_format";

    /// <summary>ElevenLabs' default and the reference's: MP3 at 44.1 kHz, 128 kbit/s.</summary>
    public const string DefaultOutputFormat = "mp3_44100_128";

    /// <summary>
    /// The <c>output_format</c> query value: an ElevenLabs name (<c>mp3_22050_32</c>, <c>pcm_16000</c>, …) passes as
    /// is; OpenAI's names map to the nearest ElevenLabs format; nothing asked means the setting, else the default.
    /// </summary>
    /// <exception cref="ArgumentException">An OpenAI format ElevenLabs cannot produce (aac, flac, wav).</exception>
    public static string OutputFormatFor(string? responseFormat, string? configured) => responseFormat?.ToLowerInvariant() switch
    {
        null or "" => string.IsNullOrWhiteSpace(configured) ? DefaultOutputFormat : configured,
        "mp3" => DefaultOutputFormat,
        "pcm" => "pcm_24000",
        "opus" => "opus_48000_128",
        var name when name.Contains('_', StringComparison.Ordinal) => name,
        _ => throw new ArgumentException(
            $"The speech request's response_format '{responseFormat}' is not one ElevenLabs produces; use mp3, pcm, opus or an ElevenLabs output_format such as mp3_44100_128.", "request"),
    };
}
