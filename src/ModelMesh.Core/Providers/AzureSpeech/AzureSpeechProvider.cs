using System.Net.Http.Headers;
using ModelMesh.Cdk;

namespace ModelMesh.Providers.AzureSpeech;

/// <summary>
/// The <c>azure.tts.v1</c> connector: Azure AI Speech text to speech, <c>POST /cognitiveservices/v1</c> on
/// <c>https://{region}.tts.speech.microsoft.com</c> with an SSML body (the input text XML-escaped), the output format
/// in <c>X-Microsoft-OutputFormat</c> and the audio bytes as the answer. The key is sent as
/// <c>Ocp-Apim-Subscription-Key</c> only. The catalogue's models are voices. See docs/providers/azure-speech.md.
/// </summary>
[Provider("azure.tts.v1", BaseUrl = AzureSpeechSettings.DefaultBaseUrl, ApiKeyEnv = "AZURE_SPEECH_KEY",
    SettingKeys = [AzureSpeechSettings.Region, AzureSpeechSettings.Voice, AzureSpeechSettings.OutputFormat])]
[ModelInfo("en-US-JennyNeural", "text-to-speech", InputPricePer1K = 0.015)]
[ModelInfo("en-US-AndrewNeural", "text-to-speech", InputPricePer1K = 0.015)]
[ModelInfo("en-US-AvaMultilingualNeural", "text-to-speech", InputPricePer1K = 0.015)]
public sealed partial class AzureSpeechProvider : BaseProvider
{
    private readonly string? _regionEndpoint;

    /// <summary>Creates the provider; a <c>region</c> setting that is not an Azure region name is rejected here.</summary>
    /// <param name="options">The provider's options; <c>config: region</c> (default <c>eastus</c>) picks the host.</param>
    /// <param name="httpClient">The HTTP client to send with, or null for one of the provider's own.</param>
    /// <exception cref="ArgumentException">The <c>region</c> setting is not a region name (lower-case letters and digits).</exception>
    public AzureSpeechProvider(ProviderOptions options, HttpClient? httpClient = null) : base(options, httpClient)
    {
        _regionEndpoint = AzureSpeechSettings.RegionEndpoint(options.BaseUrl, options.Settings?.GetString(AzureSpeechSettings.Region));
    }

    [HookOverride(ProviderHook.BuildHeaders)]
    private void Headers(HttpRequestHeaders headers)
    {
        if (headers.Authorization is { Scheme: "Bearer" } bearer && bearer.Parameter == Options.ApiKey)
        {
            headers.Authorization = null; // the key goes in Ocp-Apim-Subscription-Key only
        }
        if (!string.IsNullOrEmpty(Options.ApiKey) && !headers.Contains(AzureSpeechSettings.KeyHeader))
        {
            headers.Add(AzureSpeechSettings.KeyHeader, Options.ApiKey);
        }
        if (headers.UserAgent.Count == 0)
        {
            headers.UserAgent.Add(new ProductInfoHeaderValue("ModelMesh", null)); // the service requires one
        }
    }

    [HookOverride(ProviderHook.GetSpeechEndpoint)]
    private string SpeechEndpoint() => _regionEndpoint ?? AzureSpeechSettings.Path;

    [HookOverride(ProviderHook.BuildSpeechContent)]
    private HttpContent SpeechContent(SpeechRequest request)
    {
        var voice = request.Voice ?? Options.Settings?.GetString(AzureSpeechSettings.Voice) ?? request.Model;
        var format = AzureSpeechSettings.OutputFormatFor(request.ResponseFormat, Options.Settings?.GetString(AzureSpeechSettings.OutputFormat));
        var content = new ReadOnlyMemoryContent(Ssml.Write(request.Input, voice, request.Speed));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ssml+xml") { CharSet = "utf-8" };
        // A request header, carried on the content (the hook builds only the body); HttpClient sends both alike.
        content.Headers.Add(AzureSpeechSettings.FormatHeader, format);
        return content;
    }

    // ParseSpeechResponse keeps the CDK default (the body is the audio); errors come as empty bodies with a status,
    // which the default classification reads.
}
