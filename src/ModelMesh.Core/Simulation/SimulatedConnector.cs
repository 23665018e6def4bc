using ModelMesh.Cdk;

namespace ModelMesh.Simulation;

/// <summary>
/// The <c>modelmesh.simulated.v1</c> connector: no key, no network, four free models (chat, embeddings, speech,
/// transcription). Registered like the built-in connectors but without an API-key variable, so environment
/// detection never turns it on; a configuration file or <see cref="EmbeddedMesh"/> does.
/// </summary>
internal static class SimulatedConnector
{
    /// <summary>The <c>config:</c> key for <see cref="SimulatedOptions.Pace"/>.</summary>
    public const string PaceKey = "pace";

    public static Uri DefaultBaseUrl { get; } = new("http://simulated.modelmesh.invalid");

    public static ProviderConnector Connector { get; } = new()
    {
        Id = SimulatedUpstream.ConnectorId,
        Vendor = SimulatedUpstream.ProviderId,
        DefaultBaseUrl = DefaultBaseUrl,
        RequiresApiKey = false,
        SettingKeys = [PaceKey],
        Catalogue =
        [
            Model("chat", "chat-completion", 32_768, 4_096, ModelFeatures.Tools | ModelFeatures.JsonMode | ModelFeatures.Streaming | ModelFeatures.SystemPrompt),
            Model("embed", "text-embeddings", null, null, null),
            Model("tts", "text-to-speech", null, null, null),
            Model("stt", "speech-to-text", null, null, null),
        ],
        Create = (options, _) => new SimulatedProvider(options, OptionsFrom(options)),
    };

    /// <summary>The pace from the provider's <c>config: pace</c> (a duration, 0 to 10 s), and the provider's clock.</summary>
    /// <exception cref="ConfigurationException">The pace is not a duration in range; the message gives its location.</exception>
    private static SimulatedOptions OptionsFrom(ProviderOptions options) => new()
    {
        Pace = options.Settings?.GetTimeSpan(PaceKey, TimeSpan.Zero, SimulatedOptions.MaxPace) ?? SimulatedOptions.DefaultPace,
        TimeProvider = options.TimeProvider,
    };

    private static ModelDefinition Model(string name, string capability, int? context, int? maxOutput, ModelFeatures? features) => new()
    {
        Id = SimulatedUpstream.ProviderId + "." + name,
        ProviderId = SimulatedUpstream.ProviderId,
        UpstreamModel = name,
        Capabilities = [capability],
        ContextWindow = context,
        MaxOutputTokens = maxOutput,
        Pricing = new ModelPricing(0m, 0m, 0m),
        Features = features,
    };
}
