namespace ModelMesh.Cli.Chat;

/// <summary>
/// The interactive chat: reads a line, streams the reply, remembers the exchange. <c>/reset</c> forgets the
/// conversation (the system prompt stays), <c>/exit</c> or the end of input (Ctrl+D) ends it; a failed turn is
/// reported and the loop goes on.
/// </summary>
internal static class ChatLoop
{
    public const string Prompt = "you> ";
    public const string Help = "Type a message; /reset forgets the conversation, /exit (or Ctrl+D) ends the chat.";

    public static async Task<int> RunAsync(ChatSession session, string? firstQuestion, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(Help).ConfigureAwait(false);
        if (firstQuestion is not null)
        {
            await TurnAsync(session, firstQuestion, output, error, cancellationToken).ConfigureAwait(false);
        }
        while (true)
        {
            await output.WriteAsync(Prompt).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                await output.WriteLineAsync().ConfigureAwait(false); // Ctrl+D leaves the cursor after the prompt
                return 0;
            }
            line = line.Trim();
            switch (LoopCommands.Parse(line))
            {
                case LoopCommand.None when line.Length == 0:
                    continue;
                case LoopCommand.None:
                    await TurnAsync(session, line, output, error, cancellationToken).ConfigureAwait(false);
                    break;
                case LoopCommand.Exit:
                    return 0;
                case LoopCommand.Reset:
                    session.Reset();
                    await output.WriteLineAsync("(conversation forgotten; the system prompt stays)").ConfigureAwait(false);
                    break;
                case LoopCommand.Help:
                    await output.WriteLineAsync(Help).ConfigureAwait(false);
                    break;
                default:
                    await error.WriteLineAsync($"Unknown command '{line.Split(' ')[0]}'. {Help}").ConfigureAwait(false);
                    break;
            }
        }
    }

    private static async Task TurnAsync(ChatSession session, string question, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await session.AskAsync(question, output, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelMeshException e)
        {
            await error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
        }
    }
}
