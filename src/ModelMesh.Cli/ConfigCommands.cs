using System.CommandLine;
using System.Globalization;
using ModelMesh.Cli.Meshes;
using ModelMesh.Cli.Probing;

namespace ModelMesh.Cli;

/// <summary>
/// <c>modelmesh check --config FILE [--assembly DLL]… [--no-probe] [--probe-timeout SECONDS]</c>: loads a
/// configuration as a mesh would and shows its pools, or every problem; then probes each provider with a cheap real
/// call (<see cref="ProviderProbe"/>), a line per provider. Exit 0 only when the file is valid and every probe passed.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var config = new ConfigFileOptions();
        var noProbe = new Option<bool>("--no-probe") { Description = "Only validate the file: send nothing to the providers." };
        var probeTimeout = new Option<double>("--probe-timeout")
        {
            Description = $"How long each provider has to answer its probe, in seconds (default {ProviderProbe.DefaultTimeout.TotalSeconds:0}).",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => ProviderProbe.DefaultTimeout.TotalSeconds,
            Validators =
            {
                result =>
                {
                    var seconds = result.GetValueOrDefault<double>();
                    if (!(seconds > 0 && seconds <= 300))
                    {
                        result.AddError($"--probe-timeout must be more than 0 and at most 300 seconds; got {seconds.ToString(CultureInfo.InvariantCulture)}.");
                    }
                },
            },
        };
        var command = new Command("check", "Load a config file as the mesh would and show its pools or every problem, then probe each provider (GET /v1/models).")
        {
            noProbe, probeTimeout,
        };
        config.AddTo(command);
        command.SetAction(CliApp.Guarded(async (parsed, cancellationToken) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            using var mesh = await config.OpenAsync(parsed, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(mesh.Describe()).ConfigureAwait(false);
            await output.WriteLineAsync($"{parsed.GetRequiredValue(config.Path)}: ok ({mesh.Pools.Count} pool(s))").ConfigureAwait(false);
            if (parsed.GetValue(noProbe))
            {
                return 0;
            }
            var timeout = TimeSpan.FromSeconds(parsed.GetValue(probeTimeout));
            var providers = mesh.Providers;
            var failed = 0;
            foreach (var provider in providers)
            {
                await output.WriteAsync($"probing {provider.Id} … ").ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                var result = await ProviderProbe.RunAsync(provider, timeout, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(result.ToString()).ConfigureAwait(false);
                failed += result.Succeeded ? 0 : 1;
            }
            await output.WriteLineAsync(failed == 0
                ? $"every provider answered ({providers.Count})"
                : $"{failed} of {providers.Count} provider(s) failed the probe").ConfigureAwait(false);
            return failed == 0 ? 0 : CliApp.Failure;
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
