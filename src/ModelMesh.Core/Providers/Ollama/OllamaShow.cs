namespace ModelMesh.Providers.Ollama;

/// <summary>The body of <c>POST /api/show</c>.</summary>
internal sealed class OllamaShowRequest
{
    public required string Model { get; init; }
}

/// <summary>
/// The part of <c>/api/show</c>'s answer discovery reads: <c>capabilities</c> (<c>completion</c>, <c>tools</c>,
/// <c>vision</c>, <c>embedding</c>, <c>thinking</c>, <c>insert</c>), absent before Ollama 0.6.
/// </summary>
internal sealed class OllamaShowResponse
{
    public IReadOnlyList<string>? Capabilities { get; init; }

    public string? Error { get; init; }
}
