using ModelMesh.Cdk;
using static ModelMesh.Providers.CatalogueFeatures;

namespace ModelMesh.Providers.Perplexity;

/// <summary>
/// Perplexity (<c>perplexity.search.v1</c>): OpenAI's format at https://api.perplexity.ai, the key from
/// <c>PERPLEXITY_API_KEY</c>; answers grounded in a web search, billed per request as well as per token. Its
/// <c>citations</c> and <c>search_results</c> are kept in the completion's <c>AdditionalProperties</c>.
/// </summary>
[Provider("perplexity.search.v1", BaseUrl = "https://api.perplexity.ai", ApiKeyEnv = "PERPLEXITY_API_KEY")]
[ModelInfo("sonar", "chat-completion", "web-search", ContextWindow = 127_072, MaxOutputTokens = 8_192, InputPricePer1K = 0.001, OutputPricePer1K = 0.001, PricePerRequest = 0.005, Features = TextOnly)]
[ModelInfo("sonar-pro", "chat-completion", "web-search", ContextWindow = 200_000, MaxOutputTokens = 8_192, InputPricePer1K = 0.003, OutputPricePer1K = 0.015, PricePerRequest = 0.005, Features = TextOnly)]
public partial class PerplexityProvider : OpenAICompatibleProvider;
