namespace ModelMesh.Providers.AzureSpeech;

/// <summary>The connector's <c>config:</c> keys, headers, and how a region and an output format are resolved.</summary>
internal static class AzureSpeechSettings
{
    public const string Region = "region";
    public const string Voice = "voice";
    public const string OutputFormat = "output_format";

    public const string DefaultRegion = "eastus";
    public const string DefaultBaseUrl = "https://eastus.tts.speech.microsoft.com";
    public const string Path = "/cognitiveservices/v1";
    public const string KeyHeader = "Ocp-Apim-Subscription-Key";
    public const string FormatHeader = "X-Microsoft-OutputFormat";
    public const string DefaultOutputFormat = "audio-24khz-48kbitrate-mono-mp3";

    private const string ServiceHostSuffix = ".tts.speech.microsoft.com";

    /// <summary>
    /// The absolute endpoint for the configured region while the base URL is Azure's own host; null when
    /// <c>base_url</c> points elsewhere (a proxy, a container, a test), which is then used as is.
    /// </summary>
    /// <exception cref="ArgumentException">The region is not lower-case letters and digits.</exception>
    public static string? RegionEndpoint(Uri baseUrl, string? region)
    {
        if (region is not null && (region.Length == 0 || !region.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))))
        {
            throw new ArgumentException(
                $"The azure.tts.v1 setting 'region' ('{region}') is not an Azure region name such as 'eastus' or 'westeurope' (lower-case letters and digits).", "options");
        }
        return baseUrl.Host.EndsWith(ServiceHostSuffix, StringComparison.OrdinalIgnoreCase)
            ? "https://" + (region ?? DefaultRegion) + ServiceHostSuffix + Path
            : null;
    }

    /// <summary>
    /// The <c>X-Microsoft-OutputFormat</c> value: an Azure name (<c>riff-16khz-16bit-mono-pcm</c>, …) passes as is;
    /// OpenAI's names map to the 24 kHz Azure formats; nothing asked means the setting, else MP3 at 48 kbit/s.
    /// </summary>
    /// <exception cref="ArgumentException">An OpenAI format Azure cannot produce (aac, flac).</exception>
    public static string OutputFormatFor(string? responseFormat, string? configured) => responseFormat?.ToLowerInvariant() switch
    {
        null or "" => string.IsNullOrWhiteSpace(configured) ? DefaultOutputFormat : configured,
        "mp3" => DefaultOutputFormat,
        "opus" => "ogg-24khz-16bit-mono-opus",
        "wav" => "riff-24khz-16bit-mono-pcm",
        "pcm" => "raw-24khz-16bit-mono-pcm",
        var name when name.Contains('-', StringComparison.Ordinal) => name,
        _ => throw new ArgumentException(
            $"The speech request's response_format '{responseFormat}' is not one Azure Speech produces; use mp3, opus, wav, pcm or an Azure output format such as audio-24khz-48kbitrate-mono-mp3.", "request"),
    };
}
