namespace ModelMesh.Cdk;

/// <summary>
/// A provider for any upstream that speaks the OpenAI API (OpenAI, Azure-style gateways, Groq, DeepSeek,
/// Mistral, Together, OpenRouter, xAI, Perplexity, Ollama, LM Studio, vLLM, LocalAI, …): every hook keeps
/// its OpenAI default. Not sealed: derive from it to change one hook.
/// </summary>
public class OpenAICompatibleProvider : BaseProvider
{
    /// <summary>The connector id of this provider type in configuration files.</summary>
    public const string ConnectorId = "openai-compatible";

    /// <summary>Creates the provider.</summary>
    /// <param name="options">Where and how to reach the upstream.</param>
    /// <param name="httpClient">The client to send with, or null to create one.</param>
    public OpenAICompatibleProvider(ProviderOptions options, HttpClient? httpClient = null) : base(options, httpClient)
    {
    }
}
