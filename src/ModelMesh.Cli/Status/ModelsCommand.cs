using System.CommandLine;
using ModelMesh.Cli.Meshes;
using ModelMesh.Cli.Terminal;

namespace ModelMesh.Cli.Status;

/// <summary>
/// <c>modelmesh models [--config FILE | --url URL [--token T]]</c>: every pool's models, their providers and live
/// status as a table, from a config file's mesh (or the embedded default), or from a running gateway's
/// <c>/admin/status</c>. Colour only on a terminal without <c>NO_COLOR</c>.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create(CliHost host)
    {
        var config = new ConfigFileOptions(required: false);
        var url = HttpUrlOption.Create("--url", "A running gateway (modelmesh serve) whose /admin/status to read, e.g. http://127.0.0.1:8080.");
        var token = new Option<string>("--token") { Description = "With --url: one of the gateway's bearer tokens.", HelpName = "T" };
        var command = new Command("models", "Show the pools, models, providers and their live status (of a config file's mesh, or of a running gateway).") { url, token };
        config.AddTo(command);
        command.Validators.Add(result =>
        {
            var hasUrl = result.GetResult(url) is not null;
            if (hasUrl && (result.GetResult(config.Path) is not null || result.GetResult(config.Assemblies) is not null))
            {
                result.AddError("--url and --config cannot be used together: --url reads a running gateway, --config builds a mesh here.");
            }
            else if (!hasUrl && result.GetResult(token) is not null)
            {
                result.AddError("--token applies to --url only.");
            }
        });
        command.SetAction(CliApp.Guarded(async (parsed, cancellationToken) =>
        {
            StatusReport report;
            if (parsed.GetValue(url) is { } gateway)
            {
                report = await GatewayStatusClient.ReadAsync(gateway, parsed.GetValue(token), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var mesh = await config.OpenOrDefaultAsync(parsed, host, cancellationToken).ConfigureAwait(false);
                if (mesh.Banner is { } banner)
                {
                    await parsed.InvocationConfiguration.Error.WriteLineAsync(banner).ConfigureAwait(false);
                }
                report = MeshStatus.Read(mesh.Client, parsed.GetValue(config.Path) ?? "embedded mesh");
            }
            await StatusTable.WriteAsync(report, parsed.InvocationConfiguration.Output, new Ansi(host.UsesColour)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
