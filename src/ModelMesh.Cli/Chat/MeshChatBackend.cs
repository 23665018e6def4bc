using ModelMesh.Cli.Meshes;

namespace ModelMesh.Cli.Chat;

/// <summary>Chat through a mesh: the request's model is a pool, capability or model id, and the mesh fails over.</summary>
internal sealed class MeshChatBackend(OpenedMesh mesh, string model) : IChatBackend
{
    public string? Banner => mesh.Banner;

    public bool IsSimulated => mesh.IsSimulated;

    public IAsyncEnumerable<ChatCompletionChunk> StreamAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken) =>
        mesh.Client.Chat.Completions.StreamAsync(new ChatCompletionRequest { Model = model, Messages = [.. messages] }, cancellationToken);

    public void Dispose() => mesh.Dispose();
}
