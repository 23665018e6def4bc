namespace ModelMesh;

/// <summary>A web search (<c>client.Search.QueryAsync</c>).</summary>
public sealed class SearchRequest
{
    /// <summary>The pool, capability (for example <c>web-search</c>) or model to use.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>What to search for.</summary>
    public string Query { get; set; } = string.Empty;

    /// <summary>How many results to return at most; null leaves it to the upstream.</summary>
    public int? MaxResults { get; set; }

    /// <summary>A shallow copy whose fields can be changed independently.</summary>
    public SearchRequest Clone() => (SearchRequest)MemberwiseClone();
}
