using System.CommandLine;
using ModelMesh.Cdk;

namespace ModelMesh.Cli;

/// <summary>
/// <c>modelmesh chat --base-url URL --model MODEL [--api-key-env VAR] [--system TEXT] MESSAGE…</c>: streams a reply
/// from an OpenAI-compatible endpoint.
/// </summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var baseUrl = new Option<Uri>("--base-url")
        {
            Description = "The endpoint's base URL (http or https).",
            HelpName = "URL",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                {
                    return url;
                }
                result.AddError($"--base-url must be an absolute http(s) URL; got '{text}'.");
                return null;
            },
        };
        var model = new Option<string>("--model") { Description = "The model name the endpoint knows.", HelpName = "MODEL", Required = true };
        var apiKeyEnv = new Option<string>("--api-key-env") { Description = "The environment variable holding the API key.", HelpName = "VAR" };
        var system = new Option<string>("--system") { Description = "A system prompt.", HelpName = "TEXT" };
        var message = new Argument<string[]>("MESSAGE") { Description = "The message (words are joined with spaces).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("chat", "Stream a reply from an OpenAI-compatible endpoint.") { baseUrl, model, apiKeyEnv, system, message };
        command.SetAction(CliApp.Guarded(async (parsed, cancellationToken) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            string? apiKey = null;
            if (parsed.GetValue(apiKeyEnv) is { } variable)
            {
                apiKey = Environment.GetEnvironmentVariable(variable)
                    ?? throw new CliUsageException($"Environment variable '{variable}' (from --api-key-env) is not set.");
            }
            using var provider = new OpenAICompatibleProvider(new ProviderOptions("cli", parsed.GetRequiredValue(baseUrl)) { ApiKey = apiKey });
            List<ChatMessage> messages = [];
            if (parsed.GetValue(system) is { } prompt)
            {
                messages.Add(ChatMessage.System(prompt));
            }
            messages.Add(ChatMessage.User(string.Join(' ', parsed.GetRequiredValue(message))));
            var request = new ChatCompletionRequest { Model = parsed.GetRequiredValue(model), Messages = messages };
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
        }));
        return command;
    }
}
