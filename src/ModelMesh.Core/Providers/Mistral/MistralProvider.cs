using ModelMesh.Cdk;
using static ModelMesh.Providers.CatalogueFeatures;

namespace ModelMesh.Providers.Mistral;

/// <summary>
/// Mistral (<c>mistral.api.v1</c>): OpenAI's format at https://api.mistral.ai, the key from <c>MISTRAL_API_KEY</c>.
/// Its streamed tool calls come whole, without <c>index</c> or <c>type</c>; the stream reader numbers them.
/// </summary>
[Provider("mistral.api.v1", BaseUrl = "https://api.mistral.ai", ApiKeyEnv = "MISTRAL_API_KEY")]
[ModelInfo("mistral-large-latest", "chat-completion", ContextWindow = 128_000, MaxOutputTokens = 8_192, InputPricePer1K = 0.002, OutputPricePer1K = 0.006, Features = TextTools | ModelFeatures.JsonSchema)]
[ModelInfo("mistral-small-latest", "chat-completion", ContextWindow = 32_000, MaxOutputTokens = 8_192, InputPricePer1K = 0.0002, OutputPricePer1K = 0.0006, Features = TextTools | ModelFeatures.JsonSchema)]
[ModelInfo("mistral-embed", "text-embeddings", ContextWindow = 8_192, InputPricePer1K = 0.0001)]
public partial class MistralProvider : OpenAICompatibleProvider;
