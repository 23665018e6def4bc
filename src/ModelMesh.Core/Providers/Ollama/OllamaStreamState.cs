namespace ModelMesh.Providers.Ollama;

/// <summary>What one NDJSON stream has said so far: its <c>done</c> line omits that tools were called.</summary>
internal sealed class OllamaStreamState
{
    /// <summary>Whether a line carried a tool call.</summary>
    public bool CalledTools { get; set; }
}
