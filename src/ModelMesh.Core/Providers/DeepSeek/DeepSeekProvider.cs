using ModelMesh.Cdk;
using static ModelMesh.Providers.CatalogueFeatures;

namespace ModelMesh.Providers.DeepSeek;

/// <summary>
/// DeepSeek (<c>deepseek.api.v1</c>): OpenAI's format at https://api.deepseek.com, the key from <c>DEEPSEEK_API_KEY</c>.
/// <c>deepseek-reasoner</c> streams its thinking as <c>reasoning_content</c>, which the mesh forwards as reasoning.
/// </summary>
[Provider("deepseek.api.v1", BaseUrl = "https://api.deepseek.com", ApiKeyEnv = "DEEPSEEK_API_KEY")]
[ModelInfo("deepseek-chat", "chat-completion", ContextWindow = 64_000, MaxOutputTokens = 8_192, InputPricePer1K = 0.00014, OutputPricePer1K = 0.00028, Features = TextTools)]
[ModelInfo("deepseek-reasoner", "chat-completion", ContextWindow = 64_000, MaxOutputTokens = 8_192, InputPricePer1K = 0.00055, OutputPricePer1K = 0.00219, Features = TextOnly | ModelFeatures.Reasoning)]
public partial class DeepSeekProvider : OpenAICompatibleProvider;
