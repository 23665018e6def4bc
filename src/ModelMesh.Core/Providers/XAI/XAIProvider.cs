using ModelMesh.Cdk;
using static ModelMesh.Providers.CatalogueFeatures;

namespace ModelMesh.Providers.XAI;

/// <summary>xAI (<c>xai.grok.v1</c>): OpenAI's format at https://api.x.ai, the key from <c>XAI_API_KEY</c>.</summary>
[Provider("xai.grok.v1", BaseUrl = "https://api.x.ai", ApiKeyEnv = "XAI_API_KEY")]
[ModelInfo("grok-2", "chat-completion", ContextWindow = 131_072, MaxOutputTokens = 8_192, InputPricePer1K = 0.002, OutputPricePer1K = 0.01, Features = TextTools)]
public partial class XAIProvider : OpenAICompatibleProvider;
