namespace ModelMesh.Cdk;

/// <summary>
/// The connectors that work through the OpenAI-compatible provider with a base URL and headers, with their
/// default model catalogues (prices in dollars per 1,000 tokens, from the vendors' price lists), and the simulated
/// provider that needs no upstream at all.
/// </summary>
internal static class BuiltInConnectors
{
    private const ModelFeatures Full = ModelFeatures.Tools | ModelFeatures.Vision | ModelFeatures.JsonSchema | ModelFeatures.JsonMode | ModelFeatures.Streaming | ModelFeatures.SystemPrompt;
    private const ModelFeatures TextTools = ModelFeatures.Tools | ModelFeatures.JsonMode | ModelFeatures.Streaming | ModelFeatures.SystemPrompt;
    private const ModelFeatures TextOnly = ModelFeatures.JsonMode | ModelFeatures.Streaming | ModelFeatures.SystemPrompt;

    public static IReadOnlyList<ProviderConnector> All { get; } =
    [
        new()
        {
            Id = OpenAICompatibleProvider.ConnectorId, Vendor = OpenAICompatibleProvider.ConnectorId, RequiresApiKey = false,
            Create = (o, h) => new OpenAICompatibleProvider(o, h),
        },
        Compatible("openai.llm.v1", "openai", "https://api.openai.com",
        [
            Chat("openai", "gpt-4o", 128_000, 16_384, 0.0025m, 0.01m, Full),
            Chat("openai", "gpt-4o-mini", 128_000, 16_384, 0.00015m, 0.0006m, Full),
            Model("openai", "text-embedding-3-small", ["text-embeddings"], 8_191, null, 0.00002m, 0m, null),
            Model("openai", "tts-1", ["text-to-speech"], 4_096, null, 0.06m, 0m, null),
            Model("openai", "whisper-1", ["speech-to-text"], null, null, 0m, 0m, null, perRequest: 0.006m),
        ]),
        Compatible("groq.api.v1", "groq", "https://api.groq.com/openai",
        [
            Chat("groq", "llama-3.3-70b-versatile", 131_072, 32_768, 0.00059m, 0.00079m, TextTools),
            Chat("groq", "llama-3.1-8b-instant", 131_072, 8_192, 0.00005m, 0.00008m, TextTools),
            Model("groq", "whisper-large-v3-turbo", ["speech-to-text"], null, null, 0m, 0m, null, perRequest: 0.0007m),
        ]),
        Compatible("deepseek.api.v1", "deepseek", "https://api.deepseek.com",
        [
            Chat("deepseek", "deepseek-chat", 64_000, 8_192, 0.00014m, 0.00028m, TextTools),
            Chat("deepseek", "deepseek-reasoner", 64_000, 8_192, 0.00055m, 0.00219m, TextOnly),
        ]),
        Compatible("mistral.api.v1", "mistral", "https://api.mistral.ai",
        [
            Chat("mistral", "mistral-large-latest", 128_000, 8_192, 0.002m, 0.006m, TextTools | ModelFeatures.JsonSchema),
            Chat("mistral", "mistral-small-latest", 32_000, 8_192, 0.0002m, 0.0006m, TextTools | ModelFeatures.JsonSchema),
            Model("mistral", "mistral-embed", ["text-embeddings"], 8_192, null, 0.0001m, 0m, null),
        ]),
        Compatible("together.api.v1", "together", "https://api.together.xyz",
        [
            Chat("together", "meta-llama-3.3-70b-instruct-turbo", 131_072, 8_192, 0.00088m, 0.00088m, TextTools, "meta-llama/Llama-3.3-70B-Instruct-Turbo"),
            Chat("together", "meta-llama-3.1-8b-instruct-turbo", 131_072, 8_192, 0.00018m, 0.00018m, TextTools, "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo"),
        ]),
        Compatible("openrouter.gateway.v1", "openrouter", "https://openrouter.ai/api",
        [
            Chat("openrouter", "auto", null, null, 0m, 0m, null, "openrouter/auto"),
        ],
        new Dictionary<string, string> { ["HTTP-Referer"] = "https://github.com/modelmesh", ["X-Title"] = "ModelMesh" }),
        Compatible("xai.grok.v1", "xai", "https://api.x.ai",
        [
            Chat("xai", "grok-2", 131_072, 8_192, 0.002m, 0.01m, TextTools),
        ]),
        Compatible("perplexity.search.v1", "perplexity", "https://api.perplexity.ai",
        [
            Model("perplexity", "sonar", ["chat-completion", "web-search"], 127_072, 8_192, 0.001m, 0.001m, TextOnly, perRequest: 0.005m),
            Model("perplexity", "sonar-pro", ["chat-completion", "web-search"], 200_000, 8_192, 0.003m, 0.015m, TextOnly, perRequest: 0.005m),
        ]),
        Local("ollama.local.v1", "ollama", "http://localhost:11434",
        [
            Chat("ollama", "llama3", 8_192, null, 0m, 0m, TextOnly),
        ]),
        Local("lmstudio.local.v1", "lmstudio", "http://localhost:1234", []),
        Local("vllm.local.v1", "vllm", "http://localhost:8000", []),
        Local("localai.local.v1", "localai", "http://localhost:8080", []),
        Simulation.SimulatedConnector.Connector,
        ChatClients.ChatClientConnector.Connector,
    ];

    private static ProviderConnector Compatible(string id, string vendor, string baseUrl, IReadOnlyList<ModelDefinition> catalogue, IReadOnlyDictionary<string, string>? headers = null, bool requiresApiKey = true) => new()
    {
        Id = id,
        Vendor = vendor,
        DefaultBaseUrl = new Uri(baseUrl),
        RequiresApiKey = requiresApiKey,
        Catalogue = catalogue,
        DefaultHeaders = headers ?? new Dictionary<string, string>(),
        Create = headers is null ? (o, h) => new OpenAICompatibleProvider(o, h) : (o, h) => new FixedHeadersProvider(o, h, headers),
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
