using System.CommandLine;
using System.Globalization;

namespace ModelMesh.Cli;

/// <summary><c>modelmesh check --config FILE [--assembly DLL]…</c>: loads a configuration as a mesh would and shows its pools, or every problem.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var config = new ConfigFileOptions();
        var command = new Command("check", "Load a config file as the mesh would, and show its pools or every problem (nothing is sent).");
        config.AddTo(command);
        command.SetAction(CliApp.Guarded(async (parsed, cancellationToken) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            using var mesh = await config.OpenAsync(parsed, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(mesh.Describe()).ConfigureAwait(false);
            await output.WriteLineAsync($"{parsed.GetRequiredValue(config.Path)}: ok ({mesh.Pools.Count} pool(s))").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}

/// <summary>
/// <c>modelmesh explain --config FILE --model POOL [--assembly DLL]… [MESSAGE…]</c>: which model a request would go
/// to and why, for every candidate; nothing is sent.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var config = new ConfigFileOptions();
        var model = new Option<string>("--model") { Description = "The request's model: a pool id, capability or model id.", HelpName = "POOL", Required = true };
        var message = new Argument<string[]>("MESSAGE") { Description = "The request's message (default \"Hello\").", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("explain", "Show which model a request would go to and why (nothing is sent).") { model, message };
        config.AddTo(command);
        command.SetAction(CliApp.Guarded(async (parsed, cancellationToken) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            using var mesh = await config.OpenAsync(parsed, cancellationToken).ConfigureAwait(false);
            var words = parsed.GetValue(message) ?? [];
            var request = new ChatCompletionRequest
            {
                Model = parsed.GetRequiredValue(model),
                Messages = [ChatMessage.User(words.Length > 0 ? string.Join(' ', words) : "Hello")],
            };
            var explanation = mesh.Explain(request);
            await output.WriteLineAsync($"pool {explanation.PoolId} ({explanation.Strategy}), about {explanation.EstimatedPromptTokens} prompt tokens").ConfigureAwait(false);
            foreach (var candidate in explanation.Candidates)
            {
                var verdict = candidate.ExcludedBecause is { } why
                    ? "excluded: " + why
                    : "score " + candidate.Score!.Value.ToString("0.###", CultureInfo.InvariantCulture);
                var marker = candidate.ModelId == explanation.SelectedModel ? "->" : "  ";
                await output.WriteLineAsync($"{marker} {candidate.ModelId,-40} {verdict}").ConfigureAwait(false);
            }
            await output.WriteLineAsync(explanation.SelectedModel is { } chosen ? $"chosen: {chosen} ({explanation.Reason})" : "no model: " + explanation.Reason).ConfigureAwait(false);
            return explanation.SelectedModel is null ? CliApp.Failure : 0;
        }));
        return command;
    }
}

/// <summary>The options that name a config file and the assemblies whose connectors it uses.</summary>
internal sealed class ConfigFileOptions
{
    public Option<string> Path { get; } = new("--config")
    {
        Description = "The ModelMesh YAML file.",
        HelpName = "FILE",
        Required = true,
        Validators = { result => MustExist(result, "config file") },
    };

    public Option<string[]> Assemblies { get; } = new("--assembly")
    {
        Description = "An assembly whose connectors the file uses (its generated [Provider] connectors register when it loads); repeatable.",
        HelpName = "DLL",
        Validators = { result => MustExist(result, "assembly") },
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Path);
        command.Options.Add(Assemblies);
    }

    /// <summary>Loads the assemblies, then builds the mesh the file describes without watching it; no request is sent.</summary>
    public Task<MeshClient> OpenAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        ConnectorAssemblies.Load(parsed.GetValue(Assemblies) ?? []);
        return Mesh.FromConfigAsync(parsed.GetRequiredValue(Path), new MeshConfigOptions { ReloadOnChange = false }, cancellationToken);
    }

    private static void MustExist(System.CommandLine.Parsing.OptionResult result, string what)
    {
        foreach (var token in result.Tokens.Where(t => !File.Exists(t.Value)))
        {
            result.AddError($"The {what} '{token.Value}' does not exist.");
        }
    }
}
