using ModelMesh.Cdk;
using static ModelMesh.Providers.CatalogueFeatures;

namespace ModelMesh.Providers.OpenAI;

/// <summary>
/// OpenAI (<c>openai.llm.v1</c>): chat completions, embeddings, speech and transcription at https://api.openai.com,
/// the key from <c>OPENAI_API_KEY</c> as a Bearer token. The wire format is <see cref="OpenAICompatibleProvider"/>'s.
/// Prices in dollars per 1,000 tokens (transcription per request), from OpenAI's price list.
/// </summary>
[Provider("openai.llm.v1", BaseUrl = "https://api.openai.com", ApiKeyEnv = "OPENAI_API_KEY")]
[ModelInfo("gpt-4o", "chat-completion", ContextWindow = 128_000, MaxOutputTokens = 16_384, InputPricePer1K = 0.0025, OutputPricePer1K = 0.01, Features = Full)]
[ModelInfo("gpt-4o-mini", "chat-completion", ContextWindow = 128_000, MaxOutputTokens = 16_384, InputPricePer1K = 0.00015, OutputPricePer1K = 0.0006, Features = Full)]
[ModelInfo("gpt-4.1", "chat-completion", ContextWindow = 1_047_576, MaxOutputTokens = 32_768, InputPricePer1K = 0.002, OutputPricePer1K = 0.008, Features = Full)]
[ModelInfo("gpt-4.1-mini", "chat-completion", ContextWindow = 1_047_576, MaxOutputTokens = 32_768, InputPricePer1K = 0.0004, OutputPricePer1K = 0.0016, Features = Full)]
[ModelInfo("text-embedding-3-small", "text-embeddings", ContextWindow = 8_191, InputPricePer1K = 0.00002)]
[ModelInfo("text-embedding-3-large", "text-embeddings", ContextWindow = 8_191, InputPricePer1K = 0.00013)]
[ModelInfo("tts-1", "text-to-speech", ContextWindow = 4_096, InputPricePer1K = 0.06)]
[ModelInfo("whisper-1", "speech-to-text", PricePerRequest = 0.006)]
public partial class OpenAIProvider : OpenAICompatibleProvider;
