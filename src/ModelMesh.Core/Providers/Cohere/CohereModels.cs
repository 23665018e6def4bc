namespace ModelMesh.Providers.Cohere;

/// <summary>The answer of <c>GET /v1/models</c>.</summary>
internal sealed class CohereModelsResponse
{
    public IReadOnlyList<CohereModelEntry> Models { get; init; } = [];
}

internal sealed class CohereModelEntry
{
    public required string Name { get; init; }

    public IReadOnlyList<string>? Endpoints { get; init; }
}
