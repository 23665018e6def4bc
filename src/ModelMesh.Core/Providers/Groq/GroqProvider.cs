using ModelMesh.Cdk;
using static ModelMesh.Providers.CatalogueFeatures;

namespace ModelMesh.Providers.Groq;

/// <summary>Groq (<c>groq.api.v1</c>): OpenAI's format at https://api.groq.com/openai, the key from <c>GROQ_API_KEY</c>.</summary>
[Provider("groq.api.v1", BaseUrl = "https://api.groq.com/openai", ApiKeyEnv = "GROQ_API_KEY")]
[ModelInfo("llama-3.3-70b-versatile", "chat-completion", ContextWindow = 131_072, MaxOutputTokens = 32_768, InputPricePer1K = 0.00059, OutputPricePer1K = 0.00079, Features = TextTools)]
[ModelInfo("llama-3.1-8b-instant", "chat-completion", ContextWindow = 131_072, MaxOutputTokens = 8_192, InputPricePer1K = 0.00005, OutputPricePer1K = 0.00008, Features = TextTools)]
[ModelInfo("whisper-large-v3-turbo", "speech-to-text", PricePerRequest = 0.0007)]
public partial class GroqProvider : OpenAICompatibleProvider;
