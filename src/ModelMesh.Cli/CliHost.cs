using ModelMesh.Cli.Meshes;

namespace ModelMesh.Cli;

/// <summary>
/// What one run of the CLI gets from the process that hosts it: the input to read, whether its streams are
/// terminals, the environment, and how the default mesh opens when no <c>--config</c> is given. Program.cs passes the
/// console's; tests pass their own.
/// </summary>
internal sealed record CliHost
{
    /// <summary>Where interactive commands read from (a question on stdin, chat turns).</summary>
    public required TextReader Input { get; init; }

    /// <summary>Whether <see cref="Input"/> is a terminal (a person typing), not a pipe or a file.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>Whether the output is a terminal, so colour may be used.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Reads an environment variable (<c>NO_COLOR</c>); default the process environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Opens the mesh used when no <c>--config</c> is given; default <see cref="DefaultMesh.Open"/>.</summary>
    public Func<CliHost, OpenedMesh> OpenDefaultMesh { get; init; } = DefaultMesh.Open;

    /// <summary>Colour only on a terminal, and never while <c>NO_COLOR</c> is set (https://no-color.org).</summary>
    public bool UsesColour => OutputIsTerminal && Environment("NO_COLOR") is null;

    /// <summary>The console's streams and environment.</summary>
    public static CliHost FromConsole() => new()
    {
        Input = Console.In,
        InputIsTerminal = !Console.IsInputRedirected,
        OutputIsTerminal = !Console.IsOutputRedirected,
    };
}
