namespace ModelMesh.Cli.Chat;

/// <summary>What a line typed in the interactive chat asks for.</summary>
internal enum LoopCommand
{
    /// <summary>Not a command: a message to send (or an empty line).</summary>
    None,
    /// <summary><c>/exit</c> (or <c>/quit</c>): end the chat.</summary>
    Exit,
    /// <summary><c>/reset</c>: forget the conversation, keep the system prompt.</summary>
    Reset,
    /// <summary><c>/help</c>: show the commands.</summary>
    Help,
    /// <summary>A slash word that is no command (sent nowhere, so a typo is not a message).</summary>
    Unknown,
}

/// <summary>Reads a typed line as a <see cref="LoopCommand"/>.</summary>
internal static class LoopCommands
{
    public static LoopCommand Parse(string line)
    {
        if (!line.StartsWith('/'))
        {
            return LoopCommand.None;
        }
        return line.ToLowerInvariant() switch
        {
            "/exit" or "/quit" => LoopCommand.Exit,
            "/reset" => LoopCommand.Reset,
            "/help" or "/?" => LoopCommand.Help,
            _ => LoopCommand.Unknown,
        };
    }
}
