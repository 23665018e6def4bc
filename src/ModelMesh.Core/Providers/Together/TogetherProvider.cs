using ModelMesh.Cdk;
using static ModelMesh.Providers.CatalogueFeatures;

namespace ModelMesh.Providers.Together;

/// <summary>
/// Together AI (<c>together.api.v1</c>): OpenAI's format at https://api.together.xyz, the key from
/// <c>TOGETHER_API_KEY</c>. Its model names carry an organisation and capitals; the catalogue ids are the
/// lower-case short forms, sent upstream by their full names. Seeds are 64-bit.
/// </summary>
[Provider("together.api.v1", BaseUrl = "https://api.together.xyz", ApiKeyEnv = "TOGETHER_API_KEY")]
[ModelInfo("meta-llama-3.3-70b-instruct-turbo", "chat-completion", UpstreamName = "meta-llama/Llama-3.3-70B-Instruct-Turbo", ContextWindow = 131_072, MaxOutputTokens = 8_192, InputPricePer1K = 0.00088, OutputPricePer1K = 0.00088, Features = TextTools)]
[ModelInfo("meta-llama-3.1-8b-instruct-turbo", "chat-completion", UpstreamName = "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", ContextWindow = 131_072, MaxOutputTokens = 8_192, InputPricePer1K = 0.00018, OutputPricePer1K = 0.00018, Features = TextTools)]
public partial class TogetherProvider : OpenAICompatibleProvider;
