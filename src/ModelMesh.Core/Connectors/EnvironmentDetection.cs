namespace ModelMesh.Cdk;

/// <summary>One row of the auto-detection table: an environment variable and the connector it turns on.</summary>
/// <param name="Variable">The variable (an API key, or for local runtimes a host).</param>
/// <param name="ConnectorId">The connector it selects.</param>
/// <param name="Vendor">The vendor short name, used as the provider id.</param>
/// <param name="IsHost">Whether the variable holds a host (local runtime) rather than a key.</param>
/// <param name="DefaultModels">The model ids the reference gives this vendor by default.</param>
public sealed record DetectionRow(string Variable, string ConnectorId, string Vendor, bool IsHost, IReadOnlyList<string> DefaultModels);

/// <summary>
/// The environment variables <c>Mesh.Create</c> looks at, in order: the 17 provider API keys and 4 local
/// runtime hosts of ModelMesh, plus <c>GEMINI_API_KEY</c> (Google's current name) before <c>GOOGLE_API_KEY</c>. The
/// first variable set for a vendor wins; a row whose connector is not registered yet is reported, never faked.
/// </summary>
public static class EnvironmentDetection
{
    /// <summary>The table, in detection order.</summary>
    public static IReadOnlyList<DetectionRow> Table { get; } =
    [
        new("OPENAI_API_KEY", "openai.llm.v1", "openai", false, ["openai.gpt-4o", "openai.gpt-4o-mini", "openai.text-embedding-3-small", "openai.tts-1", "openai.whisper-1"]),
        new("ANTHROPIC_API_KEY", "anthropic.claude.v1", "anthropic", false, ["anthropic.claude-sonnet-4-20250514", "anthropic.claude-haiku-4-5-20251001"]),
        new("GEMINI_API_KEY", "google.gemini.v1", "google", false, ["google.gemini-2.0-flash", "google.gemini-2.0-flash-lite"]),
        new("GOOGLE_API_KEY", "google.gemini.v1", "google", false, ["google.gemini-2.0-flash", "google.gemini-2.0-flash-lite"]),
        new("GROQ_API_KEY", "groq.api.v1", "groq", false, ["groq.llama-3.3-70b-versatile", "groq.llama-3.1-8b-instant", "groq.whisper-large-v3-turbo"]),
        new("MISTRAL_API_KEY", "mistral.api.v1", "mistral", false, ["mistral.mistral-large-latest", "mistral.mistral-small-latest", "mistral.mistral-embed"]),
        new("TOGETHER_API_KEY", "together.api.v1", "together", false, ["together.meta-llama-3.1-8b-instruct-turbo", "together.meta-llama-3.3-70b-instruct-turbo"]),
        new("OPENROUTER_API_KEY", "openrouter.gateway.v1", "openrouter", false, ["openrouter.auto"]),
        new("DEEPSEEK_API_KEY", "deepseek.api.v1", "deepseek", false, ["deepseek.deepseek-chat", "deepseek.deepseek-reasoner"]),
        new("XAI_API_KEY", "xai.grok.v1", "xai", false, ["xai.grok-2"]),
        new("COHERE_API_KEY", "cohere.nlp.v1", "cohere", false, ["cohere.command-a-03-2025"]),
        new("PERPLEXITY_API_KEY", "perplexity.search.v1", "perplexity", false, ["perplexity.sonar", "perplexity.sonar-pro"]),
        new("ELEVENLABS_API_KEY", "elevenlabs.tts.v1", "elevenlabs", false, ["elevenlabs.eleven_multilingual_v2"]),
        new("TAVILY_API_KEY", "tavily.search.v1", "tavily", false, ["tavily.tavily-search"]),
        new("SERPER_API_KEY", "serper.search.v1", "serper", false, ["serper.serper-google-search"]),
        new("JINA_API_KEY", "jina.ai.v1", "jina", false, ["jina.jina-embeddings-v3", "jina.jina-reranker-v2-base-multilingual", "jina.jina-reader"]),
        new("FIRECRAWL_API_KEY", "firecrawl.scrape.v1", "firecrawl", false, ["firecrawl.firecrawl-scrape"]),
        new("ASSEMBLYAI_API_KEY", "assemblyai.stt.v1", "assemblyai", false, ["assemblyai.assemblyai-best"]),
        new("OLLAMA_HOST", "ollama.local.v1", "ollama", true, ["ollama.llama3"]),
        new("LMSTUDIO_HOST", "lmstudio.local.v1", "lmstudio", true, []),
        new("VLLM_HOST", "vllm.local.v1", "vllm", true, []),
        new("LOCALAI_HOST", "localai.local.v1", "localai", true, []),
    ];

    /// <summary>
    /// The base-URL override a key row honours: the key variable with <c>_API_KEY</c> replaced by <c>_BASE_URL</c>
    /// (for example <c>OPENAI_BASE_URL</c>), as the vendors' own SDKs do. Null for host rows.
    /// </summary>
    /// <param name="row">A table row.</param>
    public static string? BaseUrlVariable(DetectionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IsHost ? null : row.Variable.Replace("_API_KEY", "_BASE_URL", StringComparison.Ordinal);
    }

    /// <summary>Turns a host variable's value (<c>localhost:11434</c>, <c>0.0.0.0</c>, <c>https://h</c>) into a URL, as Ollama reads <c>OLLAMA_HOST</c>.</summary>
    /// <param name="value">The variable's value.</param>
    /// <param name="defaultUrl">The connector's default URL, whose port is used when the value has none.</param>
    /// <exception cref="ConfigurationException">The value is not a host.</exception>
    public static Uri HostUrl(string value, Uri defaultUrl) =>
        TryHostUrl(value, defaultUrl, out var url, out var whyNot) ? url : throw new ConfigurationException($"'{value}' is not a host or an http or https URL: {whyNot}.");

    /// <summary>
    /// Reads a <c>&lt;VENDOR&gt;_BASE_URL</c> or host variable (<paramref name="isHost"/>) into a URL.
    /// </summary>
    /// <exception cref="ConfigurationException">The value is not usable; the message names the variable and says why, without the value.</exception>
    internal static Uri VariableUrl(string variable, string value, bool isHost, Uri defaultUrl)
    {
        if (isHost)
        {
            return TryHostUrl(value, defaultUrl, out var host, out var hostWhyNot)
                ? host
                : throw new ConfigurationException($"Environment variable {variable} is not a host or an http or https URL: {hostWhyNot}.", keyPath: variable);
        }
        return TryHttpUrl(value.Trim(), out var url, out var whyNot)
            ? url
            : throw new ConfigurationException($"Environment variable {variable} is not an absolute http or https URL: {whyNot}.", keyPath: variable);
    }

    // Why not, in words that do not repeat the value (a URL may carry credentials).
    private static bool TryHttpUrl(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? url, out string? whyNot)
    {
        url = null;
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            // "127.0.0.1:8080" is not a URL at all, and "localhost:8080" would be one of scheme "localhost".
            whyNot = "it has no scheme (write http://host:port or https://host/path)";
            return false;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            whyNot = "it is not a well-formed URL";
            return false;
        }
        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
        {
            whyNot = $"its scheme is '{parsed.Scheme}'";
            return false;
        }
        url = parsed;
        whyNot = null;
        return true;
    }

    private static bool TryHostUrl(string value, Uri defaultUrl, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? result, out string? whyNot)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(defaultUrl);
        result = null;
        var text = value.Trim();
        var schemeGiven = text.Contains("://", StringComparison.Ordinal);
        if (!TryHttpUrl(schemeGiven ? text : "http://" + text, out var url, out whyNot))
        {
            return false;
        }
        var builder = new UriBuilder(url);
        // As Ollama reads OLLAMA_HOST: a bare host gets the runtime's port; an explicit scheme keeps its own default.
        if (!schemeGiven && url.IsDefaultPort && !value.Contains(":" + url.Port, StringComparison.Ordinal))
        {
            builder.Port = defaultUrl.Port;
        }
        if (builder.Host is "0.0.0.0")
        {
            builder.Host = "127.0.0.1"; // the Ollama convention: a listen-on-all address means "this machine"
        }
        result = builder.Uri;
        return true;
    }
}
