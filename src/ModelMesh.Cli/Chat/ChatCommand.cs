using System.CommandLine;
using ModelMesh.Cdk;
using ModelMesh.Cli.Meshes;

namespace ModelMesh.Cli.Chat;

/// <summary>
/// <c>modelmesh chat [--config FILE] [--model POOL] [--system TEXT] [--interactive] [QUESTION…]</c>: one question
/// (from the arguments, or stdin when it is redirected) streamed through the mesh, or an interactive conversation
/// when no question is given on a terminal. Without <c>--config</c> it uses the embedded default mesh;
/// <c>--base-url URL --model MODEL</c> talks to a single OpenAI-compatible endpoint instead.
/// </summary>
internal static class ChatCommand
{
    /// <summary>The request's model when <c>--model</c> is left out: the chat pool (or every chat model) of the mesh.</summary>
    public const string DefaultModel = "chat-completion";

    public static Command Create(CliHost host)
    {
        var config = new ConfigFileOptions(required: false);
        var baseUrl = HttpUrlOption.Create("--base-url", "A single OpenAI-compatible endpoint to talk to instead of a mesh (http or https).");
        var model = new Option<string>("--model")
        {
            Description = $"A pool, capability or model id of the mesh (default {DefaultModel}); with --base-url, the endpoint's model name.",
            HelpName = "POOL",
        };
        var apiKeyEnv = new Option<string>("--api-key-env") { Description = "With --base-url: the environment variable holding the endpoint's API key.", HelpName = "VAR" };
        var system = new Option<string>("--system") { Description = "A system prompt (kept by /reset).", HelpName = "TEXT" };
        var interactive = new Option<bool>("--interactive", "-i") { Description = "Converse turn by turn even when stdin is not a terminal." };
        var question = new Argument<string[]>("QUESTION") { Description = "The question (words are joined with spaces); left out: stdin, or a conversation on a terminal.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("chat", "Ask the mesh (or one endpoint) a question, or chat with it turn by turn; replies stream.")
        {
            baseUrl, model, apiKeyEnv, system, interactive, question,
        };
        config.AddTo(command);
        command.Validators.Add(result =>
        {
            var hasBaseUrl = result.GetResult(baseUrl) is not null;
            if (hasBaseUrl && result.GetResult(config.Path) is not null)
            {
                result.AddError("--base-url and --config cannot be used together: --base-url talks to one endpoint, --config to a mesh.");
            }
            else if (hasBaseUrl && result.GetResult(model) is null)
            {
                result.AddError("--base-url needs --model: the model name the endpoint knows.");
            }
            else if (!hasBaseUrl && result.GetResult(apiKeyEnv) is not null)
            {
                result.AddError("--api-key-env applies to --base-url only: a mesh's providers take their keys from its configuration.");
            }
        });
        command.SetAction(CliApp.Guarded(async (parsed, cancellationToken) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var error = parsed.InvocationConfiguration.Error;
            var words = parsed.GetValue(question) ?? [];
            string? asked = words.Length > 0 ? string.Join(' ', words) : null;
            var converse = parsed.GetValue(interactive) || (asked is null && host.InputIsTerminal);
            if (!converse && asked is null)
            {
                asked = (await host.Input.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Trim();
                if (asked.Length == 0)
                {
                    throw new CliUsageException("No question: give it as arguments, or on stdin (or use --interactive).");
                }
            }
            using IChatBackend backend = parsed.GetValue(baseUrl) is { } url
                ? Endpoint(url, parsed.GetRequiredValue(model), parsed.GetValue(apiKeyEnv), host)
                : new MeshChatBackend(await config.OpenOrDefaultAsync(parsed, host, cancellationToken).ConfigureAwait(false), parsed.GetValue(model) ?? DefaultModel);
            var session = new ChatSession(backend, parsed.GetValue(system));
            if (converse)
            {
                if (backend.Banner is { } banner)
                {
                    await output.WriteLineAsync(banner).ConfigureAwait(false);
                }
                return await ChatLoop.RunAsync(session, asked, host.Input, output, error, cancellationToken).ConfigureAwait(false);
            }
            if (backend.IsSimulated && backend.Banner is { } simulated)
            {
                await error.WriteLineAsync(simulated).ConfigureAwait(false); // stdout stays the answer alone
            }
            await session.AskAsync(asked!, output, cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static EndpointChatBackend Endpoint(Uri url, string model, string? apiKeyVariable, CliHost host)
    {
        string? apiKey = null;
        if (apiKeyVariable is not null)
        {
            apiKey = host.Environment(apiKeyVariable)
                ?? throw new CliUsageException($"Environment variable '{apiKeyVariable}' (from --api-key-env) is not set.");
        }
        return new EndpointChatBackend(new OpenAICompatibleProvider(new ProviderOptions("cli", url) { ApiKey = apiKey }), model);
    }
}
