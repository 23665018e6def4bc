namespace ModelMesh.Cdk;

/// <summary>The hooks of <see cref="BaseProvider"/> a connector can override; the defaults implement OpenAI's format.</summary>
public enum ProviderHook
{
    /// <summary>Adds authentication and other headers to every request.</summary>
    BuildHeaders,
    /// <summary>The path (or absolute URL) chat completions are posted to.</summary>
    GetCompletionEndpoint,
    /// <summary>Writes the chat completion request body.</summary>
    BuildRequestPayload,
    /// <summary>Reads a non-streamed chat completion response.</summary>
    ParseResponse,
    /// <summary>Reads one event of a streamed response into a chunk (or nothing).</summary>
    ParseStreamChunk,
    /// <summary>Classifies a failure: category, retryability, retry delay.</summary>
    ClassifyError,
    /// <summary>The path (or absolute URL) embeddings requests are posted to.</summary>
    GetEmbeddingsEndpoint,
    /// <summary>Writes the embeddings request body.</summary>
    BuildEmbeddingsPayload,
    /// <summary>Reads an embeddings response.</summary>
    ParseEmbeddingsResponse,
    /// <summary>The path (or absolute URL) of the models list.</summary>
    GetModelsEndpoint,
    /// <summary>Reads the models list.</summary>
    ParseModelsResponse,
    /// <summary>The path (or absolute URL) text-to-speech requests are posted to.</summary>
    GetSpeechEndpoint,
    /// <summary>Writes the text-to-speech request body.</summary>
    BuildSpeechPayload,
    /// <summary>Reads a text-to-speech response (the audio) into a result.</summary>
    ParseSpeechResponse,
    /// <summary>The path (or absolute URL) transcription requests are posted to.</summary>
    GetTranscriptionEndpoint,
    /// <summary>Builds the transcription request body (by default <c>multipart/form-data</c> with the audio file).</summary>
    BuildTranscriptionContent,
    /// <summary>Reads a transcription response.</summary>
    ParseTranscriptionResponse,

    // Reranking and web search (no OpenAI format: without these overrides a provider serves neither).
    /// <summary>The path (or absolute URL) rerank requests are posted to.</summary>
    GetRerankEndpoint,
    /// <summary>Writes the rerank request body.</summary>
    BuildRerankPayload,
    /// <summary>Reads a rerank response.</summary>
    ParseRerankResponse,
    /// <summary>The path (or absolute URL) search requests are posted to.</summary>
    GetSearchEndpoint,
    /// <summary>Writes the search request body.</summary>
    BuildSearchPayload,
    /// <summary>Reads a search response.</summary>
    ParseSearchResponse,

    // ── Audio bodies that are not JSON (issue 12) ──
    /// <summary>
    /// Builds the text-to-speech request body when it is not JSON (SSML, say); by default JSON written by
    /// <see cref="BuildSpeechPayload"/>.
    /// </summary>
    BuildSpeechContent,

    // ── Reading web pages (issue 12): no OpenAI format, so without these overrides a provider serves no scraping ──
    /// <summary>The path (or absolute URL) scrape requests are sent to.</summary>
    GetScrapeEndpoint,
    /// <summary>The HTTP method of a scrape request (by default <c>POST</c>; <c>GET</c> sends no body).</summary>
    GetScrapeMethod,
    /// <summary>Writes the scrape request body.</summary>
    BuildScrapePayload,
    /// <summary>Reads a scrape response.</summary>
    ParseScrapeResponse,
}
