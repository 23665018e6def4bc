using System.CommandLine;
using System.CommandLine.Invocation;
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

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parsed = Root().Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            ProcessTerminationTimeout = null, // the caller owns Ctrl+C and passes it in as the token
        };
        var code = await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        return parsed.Action is ParseErrorAction ? UsageError : code;
    }

    internal static RootCommand Root()
    {
        var root = new RootCommand("Capability-driven AI routing: serve the OpenAI-compatible gateway, chat, inspect capabilities, check and explain a mesh configuration.")
        {
            CapabilitiesCommand.Create(),
            ResolveCommand.Create(),
            CheckCommand.Create(),
            ExplainCommand.Create(),
            ChatCommand.Create(),
            ServeCommand.Create(),
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
            catch (ModelMeshException e)
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
