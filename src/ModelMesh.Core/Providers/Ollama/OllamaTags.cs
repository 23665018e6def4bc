using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Ollama;

/// <summary>The answer of <c>GET /api/tags</c>: the models pulled into the local runtime.</summary>
internal sealed class OllamaTagsResponse
{
    public IReadOnlyList<OllamaModelTag> Models { get; init; } = [];
}

/// <summary>One local model.</summary>
internal sealed class OllamaModelTag
{
    /// <summary>The name to request it by (<c>llama3.2:latest</c>).</summary>
    public required string Name { get; init; }

    [JsonPropertyName("modified_at")]
    public DateTimeOffset? ModifiedAt { get; init; }

    public long? Size { get; init; }
}
