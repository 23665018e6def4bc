using System.Globalization;

namespace ModelMesh.Cli;

/// <summary><c>modelmesh check --config FILE</c>: loads a configuration as a mesh would and shows its pools, or every problem.</summary>
internal static class CheckCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter output)
    {
        using var mesh = ConfigFile.Open(args);
        await output.WriteAsync(mesh.Describe()).ConfigureAwait(false);
        await output.WriteLineAsync($"{args.Require("--config")}: ok ({mesh.Pools.Count} pool(s))").ConfigureAwait(false);
        return 0;
    }
}

/// <summary>
/// <c>modelmesh explain --config FILE --model POOL MESSAGE</c>: which model a request would go to and why, for
/// every candidate; nothing is sent.
/// </summary>
internal static class ExplainCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter output)
    {
        using var mesh = ConfigFile.Open(args);
        var request = new ChatCompletionRequest
        {
            Model = args.Require("--model"),
            Messages = [ChatMessage.User(args.Positional.Count > 0 ? string.Join(' ', args.Positional) : "Hello")],
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
        return explanation.SelectedModel is null ? 1 : 0;
    }
}

internal static class ConfigFile
{
    /// <summary>Builds the mesh a config file describes, without watching it; no request is sent.</summary>
    public static MeshClient Open(CliArguments args)
    {
        var path = args.Require("--config");
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The config file '{path}' does not exist.");
        }
        return Mesh.FromConfig(path, new MeshConfigOptions { ReloadOnChange = false });
    }
}
