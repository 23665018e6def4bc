namespace ModelMesh;

/// <summary>A request to rank documents by their relevance to a query (<c>client.Rerank.CreateAsync</c>).</summary>
public sealed class RerankRequest
{
    /// <summary>The pool, capability (for example <c>reranking</c>) or model to use.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>The query the documents are ranked against.</summary>
    public string Query { get; set; } = string.Empty;

    /// <summary>The documents to rank; results refer to them by their index in this list.</summary>
    public IReadOnlyList<string> Documents { get; set; } = [];

    /// <summary>How many of the best results to return; null returns one per document.</summary>
    public int? TopN { get; set; }

    /// <summary>Whether each result should carry its document's text (for upstreams that can echo it).</summary>
    public bool? ReturnDocuments { get; set; }

    /// <summary>A shallow copy: the document list is shared, scalar fields can be changed on the copy independently.</summary>
    public RerankRequest Clone() => (RerankRequest)MemberwiseClone();
}
