namespace ModelMesh;

/// <summary>The kind of call a request is, which decides the models that can answer it.</summary>
public enum MeshOperation
{
    /// <summary>A chat completion (<c>/v1/chat/completions</c>), streamed or not.</summary>
    Chat,

    /// <summary>Text embeddings (<c>/v1/embeddings</c>).</summary>
    Embeddings,

    /// <summary>Text to speech (<c>/v1/audio/speech</c>).</summary>
    Speech,

    /// <summary>Speech to text (<c>/v1/audio/transcriptions</c>).</summary>
    Transcription,

    /// <summary>Ranking documents by relevance to a query (<c>/v1/rerank</c>).</summary>
    Rerank,

    /// <summary>A web search returning results (title, address, snippet).</summary>
    Search,

    /// <summary>Reading a web page as Markdown (a scraper or reader such as Firecrawl or Jina Reader).</summary>
    Scrape,
}
