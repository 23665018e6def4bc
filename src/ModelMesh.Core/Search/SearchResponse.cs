namespace ModelMesh;

/// <summary>The results of a <see cref="SearchRequest"/>, in the upstream's order.</summary>
public sealed class SearchResponse
{
    /// <summary>The model (search engine) that answered.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>The results, best first.</summary>
    public IReadOnlyList<SearchResult> Results { get; set; } = [];
}

/// <summary>One search result.</summary>
public sealed class SearchResult
{
    /// <summary>The page's title.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>The page's address.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>An excerpt of the page relevant to the query.</summary>
    public string Snippet { get; set; } = string.Empty;
}
