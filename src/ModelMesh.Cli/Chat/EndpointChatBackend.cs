using ModelMesh.Cdk;

namespace ModelMesh.Cli.Chat;

/// <summary>
/// Chat with one OpenAI-compatible endpoint (<c>--base-url</c>) directly, without a mesh: there is nothing to fail
/// over to, and a failed turn must not put the only endpoint on a cooldown.
/// </summary>
internal sealed class EndpointChatBackend(OpenAICompatibleProvider provider, string model) : IChatBackend
{
    public string? Banner => null;

    public bool IsSimulated => false;

    public IAsyncEnumerable<ChatCompletionChunk> StreamAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken) =>
        provider.StreamAsync(new ChatCompletionRequest { Model = model, Messages = [.. messages] }, cancellationToken);

    public void Dispose() => provider.Dispose();
}
