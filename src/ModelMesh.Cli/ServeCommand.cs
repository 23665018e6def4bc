using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ModelMesh.Gateway;
using ModelMesh.Simulation;

namespace ModelMesh.Cli;

/// <summary>
/// <c>modelmesh serve [--config FILE] [--host H] [--port P] [--token T]… [--log-level L]</c>: the OpenAI-compatible
/// gateway. Each setting comes from its flag, else its environment variable (<c>MODELMESH_CONFIG</c>,
/// <c>MODELMESH_HOST</c>, <c>MODELMESH_PORT</c>, <c>MODELMESH_TOKEN</c>), else the config's <c>proxy:</c> section, else
/// the default. With no config the mesh is the embedded default: providers found in the environment, or the
/// built-in simulated provider when there are none.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(Func<string, string?>? environment = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariable;
        var config = new Option<string>("--config") { Description = "The ModelMesh YAML file (default: $MODELMESH_CONFIG, else the embedded default).", HelpName = "FILE" };
        var host = new Option<string>("--host") { Description = $"The address to listen on (default: $MODELMESH_HOST, proxy.host, else {GatewayOptions.DefaultHost}).", HelpName = "HOST" };
        var port = new Option<int?>("--port") { Description = $"The port (default: $MODELMESH_PORT, proxy.port, else {GatewayOptions.DefaultPort}; 0 picks a free one).", HelpName = "PORT" };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is int value && value is < 0 or > 65535)
            {
                result.AddError($"--port must be 0–65535; got {value}.");
            }
        });
        var token = new Option<string[]>("--token") { Description = "A bearer token clients must send; repeatable (default: $MODELMESH_TOKEN, the config's proxy tokens, else none).", HelpName = "TOKEN" };
        var logLevel = new Option<LogLevel?>("--log-level") { Description = "The least severe log level written (default Information).", HelpName = "LEVEL" };
        var pace = new Option<int?>("--pace-ms") { Description = "The simulated provider's delay between streamed words, in milliseconds (default 30, at most 10000).", HelpName = "MS" };
        pace.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is int value && value is < 0 or > 10_000)
            {
                result.AddError($"--pace-ms must be 0–10000; got {value}.");
            }
        });
        var assemblies = new Option<string[]>("--assembly") { Description = "An assembly whose connectors the config uses; repeatable.", HelpName = "DLL" };
        var command = new Command("serve", "Run the OpenAI-compatible gateway (chat, embeddings, audio, models, health, metrics).")
        {
            config, host, port, token, logLevel, pace, assemblies,
        };
        command.SetAction(CliApp.Guarded(async (parsed, cancellationToken) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            ConnectorAssemblies.Load(parsed.GetValue(assemblies) ?? []);
            var configPath = parsed.GetValue(config) ?? NonEmpty(env("MODELMESH_CONFIG"));
            if (configPath is not null && !File.Exists(configPath))
            {
                throw new CliUsageException($"The config file '{configPath}' does not exist.");
            }
            // The mesh logs (failovers, standby, recovery, reloads) beside the gateway's own lines, at the same level.
            var level = parsed.GetValue(logLevel) ?? LogLevel.Information;
            using var meshLogs = LoggerFactory.Create(logging => logging
                .AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                })
                .SetMinimumLevel(level));
            ProxyConfiguration? proxy = null;
            EmbeddedMeshResult? embedded = null;
            MeshClient mesh;
            if (configPath is not null)
            {
                proxy = (await MeshConfiguration.LoadAsync(configPath, cancellationToken: cancellationToken).ConfigureAwait(false)).Proxy;
                mesh = await Mesh.FromConfigAsync(configPath, new MeshConfigOptions { LoggerFactory = meshLogs }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var pacing = parsed.GetValue(pace) is int ms ? TimeSpan.FromMilliseconds(ms) : SimulatedOptions.DefaultPace;
                embedded = EmbeddedMesh.Create(new EmbeddedMeshOptions { Environment = env, Pace = pacing, LoggerFactory = meshLogs });
                mesh = embedded.Client;
            }
            try
            {
                var options = Options(parsed, env, proxy, host, port, token, logLevel);
                await using var server = GatewayServer.Create(mesh, options);
                try
                {
                    await server.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw new CliUsageException($"Cannot listen on {options.Host}:{options.Port.ToString(CultureInfo.InvariantCulture)}: {e.Message}");
                }
                await Banner(output, server, mesh, configPath, embedded).ConfigureAwait(false);
                using var stop = cancellationToken.Register(() => _ = server.StopAsync(CancellationToken.None));
                await server.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
                await output.WriteLineAsync("modelmesh gateway stopped.").ConfigureAwait(false);
                return 0;
            }
            finally
            {
                if (embedded is not null)
                {
                    embedded.Dispose();
                }
                else
                {
                    mesh.Dispose();
                }
            }
        }));
        return command;
    }

    private static GatewayOptions Options(ParseResult parsed, Func<string, string?> env, ProxyConfiguration? proxy,
        Option<string> host, Option<int?> port, Option<string[]> token, Option<LogLevel?> logLevel)
    {
        var defaults = new GatewayOptions();
        int? envPort = null;
        if (NonEmpty(env("MODELMESH_PORT")) is { } portText)
        {
            envPort = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535
                ? p
                : throw new CliUsageException($"MODELMESH_PORT must be a port number 0–65535; got '{portText}'.");
        }
        var tokens = parsed.GetValue(token) is { Length: > 0 } given
            ? given
            : NonEmpty(env("MODELMESH_TOKEN")) is { } envToken
                ? [envToken]
                : proxy is null ? [] : (proxy.Token is { } single ? [single] : Array.Empty<string>()).Concat(proxy.Tokens).ToArray();
        return defaults with
        {
            Host = parsed.GetValue(host) ?? NonEmpty(env("MODELMESH_HOST")) ?? proxy?.Host ?? defaults.Host,
            Port = parsed.GetValue(port) ?? envPort ?? proxy?.Port ?? defaults.Port,
            Tokens = tokens,
            LogLevel = parsed.GetValue(logLevel) ?? defaults.LogLevel,
            CorsOrigins = proxy?.Cors ?? defaults.CorsOrigins,
            RequestsPerMinute = proxy?.RequestsPerMinute,
            Burst = proxy?.Burst,
            MaxRequestBodyBytes = proxy?.MaxBodySize ?? defaults.MaxRequestBodyBytes,
            DrainTimeout = proxy?.DrainTimeout ?? defaults.DrainTimeout,
        };
    }

    private static async Task Banner(TextWriter output, GatewayServer server, MeshClient mesh, string? configPath, EmbeddedMeshResult? embedded)
    {
        await output.WriteLineAsync($"modelmesh gateway {GatewayServer.Version} listening on {server.Address}").ConfigureAwait(false);
        if (embedded is not null)
        {
            await output.WriteLineAsync(embedded.Banner.TrimEnd()).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"config: {configPath} (reloads on change)").ConfigureAwait(false);
        }
        foreach (var pool in mesh.PoolStatus())
        {
            await output.WriteLineAsync($"pool {pool.PoolId}: {string.Join(", ", pool.Models.Select(m => m.ModelId))}").ConfigureAwait(false);
        }
        var auth = server.Options.Tokens.Count > 0 ? "bearer token required" : "no authentication";
        await output.WriteLineAsync($"{auth}; try: curl {server.Address}v1/models").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
