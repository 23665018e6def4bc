namespace ModelMesh.Cli.Chat;

/// <summary>Where a chat turn goes: the mesh (a pool, with failover) or a single OpenAI-compatible endpoint.</summary>
internal interface IChatBackend : IDisposable
{
    /// <summary>Lines to show before the first turn (which mesh this is), or null.</summary>
    string? Banner { get; }

    /// <summary>Whether the answers are simulated rather than a real model's.</summary>
    bool IsSimulated { get; }

    /// <summary>Streams the reply to the whole conversation.</summary>
    /// <exception cref="ModelMeshException">No model could answer, or the stream was interrupted.</exception>
    IAsyncEnumerable<ChatCompletionChunk> StreamAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken);
}
