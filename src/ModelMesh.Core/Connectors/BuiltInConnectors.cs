namespace ModelMesh.Cdk;

/// <summary>
/// The connectors that are not a vendor's: the generic OpenAI-compatible one (any base URL), the simulated provider
/// that needs no upstream at all, and chat clients from DI. Each vendor's connector is a CDK class in
/// <c>Providers/&lt;Vendor&gt;</c> that registers itself (its generated module initializer).
/// </summary>
internal static class BuiltInConnectors
{
    private const ModelFeatures TextOnly = ModelFeatures.JsonMode | ModelFeatures.Streaming | ModelFeatures.SystemPrompt;

    public static IReadOnlyList<ProviderConnector> All { get; } =
    [
        new()
        {
            Id = OpenAICompatibleProvider.ConnectorId, Vendor = OpenAICompatibleProvider.ConnectorId, RequiresApiKey = false,
            Create = (o, h) => new OpenAICompatibleProvider(o, h),
        },
        Local("ollama.local.v1", "ollama", "http://localhost:11434",
        [
            Chat("ollama", "llama3", 8_192, null, 0m, 0m, TextOnly),
        ]),
        Simulation.SimulatedConnector.Connector,
        ChatClients.ChatClientConnector.Connector,
    ];

    private static ProviderConnector Compatible(string id, string vendor, string baseUrl, IReadOnlyList<ModelDefinition> catalogue, bool requiresApiKey = true) => new()
    {
        Id = id,
        Vendor = vendor,
        DefaultBaseUrl = new Uri(baseUrl),
        RequiresApiKey = requiresApiKey,
        Catalogue = catalogue,
        Create = (o, h) => new OpenAICompatibleProvider(o, h),
    };

    /// <summary>A local runtime: OpenAI-compatible, no key.</summary>
    private static ProviderConnector Local(string id, string vendor, string baseUrl, IReadOnlyList<ModelDefinition> catalogue) =>
        Compatible(id, vendor, baseUrl, catalogue, requiresApiKey: false);

    private static ModelDefinition Chat(string vendor, string name, int? context, int? maxOutput, decimal input, decimal output, ModelFeatures? features, string? upstream = null) =>
        Model(vendor, name, ["chat-completion"], context, maxOutput, input, output, features, upstream);

    private static ModelDefinition Model(string vendor, string name, string[] capabilities, int? context, int? maxOutput, decimal input, decimal output, ModelFeatures? features, string? upstream = null, decimal perRequest = 0m) => new()
    {
        Id = vendor + "." + name,
        ProviderId = vendor,
        UpstreamModel = upstream ?? name,
        Capabilities = capabilities,
        ContextWindow = context,
        MaxOutputTokens = maxOutput,
        Pricing = new ModelPricing(input, output, perRequest),
        Features = features,
    };
}
