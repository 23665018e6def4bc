namespace ModelMesh.Routing;

/// <summary>
/// Which models can answer which kind of call. Embeddings, speech, transcription, rerank, search and scrape each need their capability;
/// a chat completion needs a model that generates text, which is any model with a capability outside the
/// subtrees answered by other endpoints (embeddings, speech, transcription, images, video, reranking, search, document parsing), so
/// a pool for <c>code-generation</c> or <c>summarization</c> takes chat requests and an embeddings pool does not.
/// </summary>
internal static class OperationCapabilities
{
    private static readonly string EmbeddingsPath = Capabilities.Resolve("text-embeddings");
    private static readonly string SpeechPath = Capabilities.Resolve("text-to-speech");
    private static readonly string TranscriptionPath = Capabilities.Resolve("speech-to-text");
    private static readonly string RerankPath = Capabilities.Resolve("reranking");
    private static readonly string SearchPath = Capabilities.Resolve("web-search");
    // The reference's understanding.document-understanding.content-extraction, documented as document-parsing.
    private static readonly string ScrapePath = Capabilities.Resolve("content-extraction");

    /// <summary>Subtrees whose models are called through an endpoint other than chat completions.</summary>
    private static readonly string[] NotChat =
    [
        "representation",
        "generation.audio-generation",
        "generation.image-generation",
        "generation.video-generation",
        "understanding.audio-understanding",
        "understanding.document-understanding.document-parsing",
        "transformation.audio-processing",
        "transformation.image-editing",
        "retrieval.search",
        "retrieval.reranking",
        "retrieval.knowledge-graph",
    ];

    /// <summary>Whether <paramref name="model"/> can answer a call of kind <paramref name="operation"/>.</summary>
    public static bool Serves(ModelDefinition model, MeshOperation operation) => operation switch
    {
        MeshOperation.Embeddings => model.Serves(EmbeddingsPath),
        MeshOperation.Speech => model.Serves(SpeechPath),
        MeshOperation.Transcription => model.Serves(TranscriptionPath),
        MeshOperation.Rerank => model.Serves(RerankPath),
        // A chat model grounded in web search (Perplexity's sonar lists web-search) answers chat, not a search for results.
        MeshOperation.Search => model.Serves(SearchPath) && !model.ServesChat,
        // Likewise a chat model that can read documents answers chat, not a call to read a page.
        MeshOperation.Scrape => model.Serves(ScrapePath) && !model.ServesChat,
        MeshOperation.Chat => model.ServesChat,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>What a model must serve for <paramref name="operation"/>, in words for messages.</summary>
    public static string Describe(MeshOperation operation) => operation switch
    {
        MeshOperation.Embeddings => EmbeddingsPath,
        MeshOperation.Speech => SpeechPath,
        MeshOperation.Transcription => TranscriptionPath,
        MeshOperation.Rerank => RerankPath,
        MeshOperation.Search => SearchPath + " (a search endpoint, not a chat model)",
        MeshOperation.Scrape => ScrapePath + " (content-extraction: a scraper or reader, not a chat model)",
        MeshOperation.Chat => "chat completions (a text-generating capability such as generation.text-generation.chat-completion)",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>The operation's name in messages and logs: <c>chat</c>, <c>embeddings</c>, <c>speech</c>, <c>transcription</c>, <c>rerank</c>, <c>search</c>, <c>scrape</c>.</summary>
    public static string Name(MeshOperation operation) => operation switch
    {
        MeshOperation.Chat => "chat",
        MeshOperation.Embeddings => "embeddings",
        MeshOperation.Speech => "speech",
        MeshOperation.Transcription => "transcription",
        MeshOperation.Rerank => "rerank",
        MeshOperation.Search => "search",
        MeshOperation.Scrape => "scrape",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>Whether any of these resolved capability paths is answered through chat completions.</summary>
    public static bool AnswersChat(IReadOnlyList<string> capabilities)
    {
        foreach (var capability in capabilities)
        {
            if (IsChat(capability))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsChat(string capability)
    {
        foreach (var subtree in NotChat)
        {
            if (Capabilities.IsAtOrBelow(subtree, capability))
            {
                return false;
            }
        }
        return true;
    }
}
