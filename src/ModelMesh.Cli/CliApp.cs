using System.CommandLine;
using System.CommandLine.Invocation;
using ModelMesh.Cli.Chat;
using ModelMesh.Cli.Status;
using System.Reflection;

namespace ModelMesh.Cli;

/// <summary>
/// The <c>modelmesh</c> command line on System.CommandLine: help, <c>--version</c>, parse errors, response files and
/// completion come from the library. Output goes to the given writers so tests can read it.
/// </summary>
/// <remarks>Exit codes: 0 success, 1 the command failed (a bad config file, no model), 2 the command line was wrong.</remarks>
internal static class CliApp
{
    public const int Failure = 1;
    public const int UsageError = 2;

    /// <summary>Runs a command line that reads no input (as a pipe that is empty).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, TextReader.Null, output, error, cancellationToken);

    /// <summary>Runs a command line reading from <paramref name="input"/>, which is taken to be a pipe or file (not a terminal).</summary>
    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, new CliHost { Input = input }, output, error, cancellationToken);

    /// <summary>Runs a command line with what <paramref name="host"/> gives it (input, terminals, the default mesh).</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parsed = Root(host).Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            ProcessTerminationTimeout = null, // the caller owns Ctrl+C and passes it in as the token
        };
        var code = await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        return parsed.Action is ParseErrorAction ? UsageError : code;
    }

    internal static RootCommand Root(CliHost host)
    {
        var root = new RootCommand("Capability-driven AI routing: serve the OpenAI-compatible gateway, chat, show the models, inspect capabilities, check and explain a mesh configuration.")
        {
            CapabilitiesCommand.Create(),
            ResolveCommand.Create(),
            CheckCommand.Create(),
            ExplainCommand.Create(),
            ModelsCommand.Create(host),
            ChatCommand.Create(host),
            ServeCommand.Create(host.Environment),
        };
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersion(); // the tool's own version, whichever process hosts it
        }
        return root;
    }

    /// <summary>Wraps a command body: a usage mistake found while running exits 2, a failure of the mesh 1, with the message only.</summary>
    internal static Func<ParseResult, CancellationToken, Task<int>> Guarded(Func<ParseResult, CancellationToken, Task<int>> body) =>
        async (parsed, cancellationToken) =>
        {
            var error = parsed.InvocationConfiguration.Error;
            try
            {
                return await body(parsed, cancellationToken).ConfigureAwait(false);
            }
            catch (CliUsageException e)
            {
                await error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return UsageError;
            }
            catch (Exception e) when (e is ModelMeshException or CliFailureException)
            {
                await error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return Failure;
            }
        };

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var assembly = typeof(CliApp).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "unknown";
            parseResult.InvocationConfiguration.Output.WriteLine(version);
            return 0;
        }
    }
}

/// <summary>The command line was well formed but its values are not usable (a file that does not exist, a bad URL).</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>The command could not do its work for a reason outside the mesh (a gateway refused the token or could not be reached); exit 1.</summary>
internal sealed class CliFailureException(string message, Exception? innerException = null) : Exception(message, innerException);
