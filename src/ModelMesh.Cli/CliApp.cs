using ModelMesh.Cdk;

namespace ModelMesh.Cli;

/// <summary>The <c>modelmesh</c> command line; output goes to the given writers so tests can read it.</summary>
internal static class CliApp
{
    private const string Usage = """
        Usage:
          modelmesh capabilities [--search TERM] [--tree]   list the capability taxonomy
          modelmesh resolve NAME                            resolve a short name or path to its capability path
          modelmesh check --config FILE                     load a config file and show its pools, or every problem
          modelmesh explain --config FILE --model POOL [MESSAGE]
                                                            show which model a request would go to and why
          modelmesh chat --base-url URL --model MODEL [--api-key-env VAR] [--system TEXT] MESSAGE
                                                            stream a reply from an OpenAI-compatible endpoint
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? 1 : 0;
        }
        try
        {
            var options = CliArguments.Parse(args.AsSpan(1));
            return args[0] switch
            {
                "capabilities" => await CapabilitiesCommand.RunAsync(options, output).ConfigureAwait(false),
                "resolve" => await ResolveCommand.RunAsync(options, output, error).ConfigureAwait(false),
                "check" => await CheckCommand.RunAsync(options, output).ConfigureAwait(false),
                "explain" => await ExplainCommand.RunAsync(options, output).ConfigureAwait(false),
                "chat" => await ChatCommand.RunAsync(options, output, cancellationToken).ConfigureAwait(false),
                var unknown => throw new CliUsageException($"Unknown command '{unknown}'."),
            };
        }
        catch (CliUsageException e)
        {
            await error.WriteLineAsync(e.Message + Environment.NewLine + Usage).ConfigureAwait(false);
            return 2;
        }
        catch (ModelMeshException e)
        {
            await error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }
}

/// <summary>The command line was malformed.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>Options (<c>--name value</c> or <c>--flag</c>) and positional arguments after the command name.</summary>
internal sealed class CliArguments
{
    private static readonly HashSet<string> Flags = ["--tree"];
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static CliArguments Parse(ReadOnlySpan<string> args)
    {
        var parsed = new CliArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(arg);
            }
            else if (Flags.Contains(arg))
            {
                parsed._options[arg] = null;
            }
            else if (i + 1 < args.Length)
            {
                parsed._options[arg] = args[++i];
            }
            else
            {
                throw new CliUsageException($"Option '{arg}' needs a value.");
            }
        }
        return parsed;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.TryGetValue(name, out var value) ? value : null;

    public string Require(string name) => Get(name) ?? throw new CliUsageException($"Option '{name}' is required.");
}

internal static class CapabilitiesCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter output)
    {
        if (args.Has("--tree"))
        {
            await WriteTreeAsync(Capabilities.Tree(), output, depth: -1).ConfigureAwait(false);
            return 0;
        }
        var list = args.Get("--search") is { } term ? Capabilities.Search(term) : Capabilities.List();
        foreach (var capability in list.Where(c => c.IsLeaf))
        {
            await output.WriteLineAsync($"{capability.Path,-60} {string.Join(", ", capability.Names)}").ConfigureAwait(false);
        }
        return 0;
    }

    private static async Task WriteTreeAsync(CapabilityNode node, TextWriter output, int depth)
    {
        if (depth >= 0)
        {
            await output.WriteLineAsync(new string(' ', depth * 2) + node.Name).ConfigureAwait(false);
        }
        foreach (var child in node.Children)
        {
            await WriteTreeAsync(child, output, depth + 1).ConfigureAwait(false);
        }
    }
}

internal static class ResolveCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter output, TextWriter error)
    {
        if (args.Positional.Count != 1)
        {
            throw new CliUsageException("'resolve' takes exactly one capability name.");
        }
        await output.WriteLineAsync(Capabilities.Resolve(args.Positional[0])).ConfigureAwait(false);
        return 0;
    }
}

internal static class ChatCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Positional.Count == 0)
        {
            throw new CliUsageException("'chat' needs a message.");
        }
        var baseUrl = args.Require("--base-url");
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliUsageException($"--base-url must be an absolute http(s) URL; got '{baseUrl}'.");
        }
        string? apiKey = null;
        if (args.Get("--api-key-env") is { } variable)
        {
            apiKey = Environment.GetEnvironmentVariable(variable)
                ?? throw new CliUsageException($"Environment variable '{variable}' (from --api-key-env) is not set.");
        }
        using var provider = new OpenAICompatibleProvider(new ProviderOptions("cli", url) { ApiKey = apiKey });
        List<ChatMessage> messages = [];
        if (args.Get("--system") is { } system)
        {
            messages.Add(ChatMessage.System(system));
        }
        messages.Add(ChatMessage.User(string.Join(' ', args.Positional)));
        var request = new ChatCompletionRequest { Model = args.Require("--model"), Messages = messages };
        await foreach (var chunk in provider.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var choice in chunk.Choices.Where(c => c.Index == 0))
            {
                await output.WriteAsync(choice.Delta.Content).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await output.WriteLineAsync().ConfigureAwait(false);
        return 0;
    }
}
