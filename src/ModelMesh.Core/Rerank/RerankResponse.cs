namespace ModelMesh;

/// <summary>The documents of a <see cref="RerankRequest"/>, most relevant first.</summary>
public sealed class RerankResponse
{
    /// <summary>The model that ranked them.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>The ranked documents, most relevant first (at most <see cref="RerankRequest.TopN"/>).</summary>
    public IReadOnlyList<RerankResult> Results { get; set; } = [];

    /// <summary>What the upstream billed, when it said.</summary>
    public RerankUsage? Usage { get; set; }
}

/// <summary>One ranked document.</summary>
public sealed class RerankResult
{
    /// <summary>The document's index in <see cref="RerankRequest.Documents"/>.</summary>
    public int Index { get; set; }

    /// <summary>How relevant the document is to the query; higher is more relevant (the scale is the model's).</summary>
    public double RelevanceScore { get; set; }

    /// <summary>The document's text, when it was asked for (<see cref="RerankRequest.ReturnDocuments"/>) and the upstream sent it.</summary>
    public string? Document { get; set; }
}

/// <summary>What a rerank request was billed.</summary>
public sealed class RerankUsage
{
    /// <summary>Tokens read, for upstreams that bill by tokens (Jina).</summary>
    public int? TotalTokens { get; set; }

    /// <summary>Search units, for upstreams that bill by them (Cohere: one per query of up to 100 documents).</summary>
    public int? SearchUnits { get; set; }
}
