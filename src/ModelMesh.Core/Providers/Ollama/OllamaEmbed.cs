using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Providers.Ollama;

/// <summary>The body of <c>POST /api/embed</c>.</summary>
internal sealed class OllamaEmbedRequest
{
    public required string Model { get; init; }

    public required IReadOnlyList<string> Input { get; init; }

    public int? Dimensions { get; init; }

    public bool? Truncate { get; init; }

    [JsonPropertyName("keep_alive")]
    public JsonElement? KeepAlive { get; init; }

    public OllamaOptions? Options { get; init; }
}

/// <summary>The answer of <c>/api/embed</c>: one vector per input, in order.</summary>
internal sealed class OllamaEmbedResponse
{
    public string Model { get; init; } = string.Empty;

    public IReadOnlyList<float[]> Embeddings { get; init; } = [];

    [JsonPropertyName("prompt_eval_count")]
    public int? PromptEvalCount { get; init; }

    public string? Error { get; init; }
}
