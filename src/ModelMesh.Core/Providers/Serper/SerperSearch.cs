namespace ModelMesh.Providers.Serper;

/// <summary>The body of <c>POST /search</c>: the query and how many results.</summary>
internal sealed class SerperSearchRequest
{
    public required string Q { get; init; }

    public int? Num { get; init; }
}

/// <summary>The answer of <c>/search</c>; only the organic results are mapped.</summary>
internal sealed class SerperSearchResponse
{
    public IReadOnlyList<SerperOrganicResult>? Organic { get; init; }
}

internal sealed class SerperOrganicResult
{
    public string? Title { get; init; }

    public string? Link { get; init; }

    public string? Snippet { get; init; }

    public int? Position { get; init; }
}
