using System.Text;

namespace ModelMesh.Cli.Chat;

/// <summary>
/// A conversation: the system prompt, then every turn so far, all sent each time so the model remembers. A turn
/// that fails leaves the conversation as it was before it.
/// </summary>
internal sealed class ChatSession(IChatBackend backend, string? systemPrompt)
{
    private readonly List<ChatMessage> _messages = systemPrompt is null ? [] : [ChatMessage.System(systemPrompt)];

    /// <summary>The messages the next turn will send before its question.</summary>
    public IReadOnlyList<ChatMessage> Messages => _messages;

    /// <summary>Forgets the conversation; the system prompt stays.</summary>
    public void Reset()
    {
        var kept = systemPrompt is null ? 0 : 1;
        _messages.RemoveRange(kept, _messages.Count - kept);
    }

    /// <summary>Sends the question with the conversation so far and writes the reply as it streams, then a line end.</summary>
    /// <exception cref="ModelMeshException">No model answered, or the stream broke off (the partial reply ends with a line end).</exception>
    public async Task AskAsync(string question, TextWriter output, CancellationToken cancellationToken)
    {
        _messages.Add(ChatMessage.User(question));
        var reply = new StringBuilder();
        try
        {
            await foreach (var chunk in backend.StreamAsync(_messages, cancellationToken).ConfigureAwait(false))
            {
                foreach (var choice in chunk.Choices)
                {
                    if (choice.Index == 0 && !string.IsNullOrEmpty(choice.Delta.Content))
                    {
                        reply.Append(choice.Delta.Content);
                        await output.WriteAsync(choice.Delta.Content).ConfigureAwait(false);
                        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch
        {
            _messages.RemoveAt(_messages.Count - 1);
            if (reply.Length > 0)
            {
                await output.WriteLineAsync().ConfigureAwait(false); // the error goes on a line of its own
            }
            throw;
        }
        await output.WriteLineAsync().ConfigureAwait(false);
        _messages.Add(ChatMessage.Assistant(reply.ToString()));
    }
}
