using System.Globalization;
using System.Text;
using ModelMesh.Cdk;

namespace ModelMesh.Simulation;

/// <summary>
/// The mesh a host (the <c>modelmesh serve</c> gateway, <c>modelmesh chat</c>) runs on when no configuration file is
/// given: the providers found in the environment, exactly as <see cref="Mesh.Create(string, MeshOptions?)"/> finds
/// them, with one pool per capability they serve; or, when none is found, the built-in simulated provider
/// (<see cref="SimulatedUpstream"/>) serving all four pools.
/// </summary>
public static class EmbeddedMesh
{
    /// <summary>The capabilities that get a pool (named by the capability) when some model serves them.</summary>
    public static IReadOnlyList<string> PoolCapabilities { get; } = ["chat-completion", "text-embeddings", "text-to-speech", "speech-to-text"];

    /// <summary>Builds the embedded mesh.</summary>
    /// <param name="options">The environment, pace, clock and strategy; null for the defaults.</param>
    /// <exception cref="ConfigurationException">
    /// A variable found holds an unusable URL, or the providers found have no default model for any of
    /// <see cref="PoolCapabilities"/>; the message names the variables, never their values.
    /// </exception>
    public static EmbeddedMeshResult Create(EmbeddedMeshOptions? options = null)
    {
        options ??= new EmbeddedMeshOptions();
        var detection = EnvironmentProviders.Scan(new MeshOptions { Environment = options.Environment, TimeProvider = options.TimeProvider });
        var simulated = detection.Providers.Count == 0;
        var providers = simulated
            ? [Simulated(options)]
            : detection.Providers.Select(p => (p.Instance, p.Models)).ToArray();
        try
        {
            var models = providers.SelectMany(p => p.Models).ToArray();
            // A local runtime that discovers its models may serve a capability none of its fallback models does.
            var pools = PoolCapabilities.Where(c => models.Any(m => m.Serves(Capabilities.Resolve(c))) || detection.Providers.Any(p => p.MayServe(Capabilities.Resolve(c)))).ToArray();
            if (pools.Length == 0)
            {
                throw new ConfigurationException(
                    $"The providers found in the environment ({string.Join(", ", detection.Providers.Select(Source))}) have no default model for {string.Join(", ", PoolCapabilities)}; " +
                    "pass a configuration file (--config FILE) that lists their models.");
            }
            var builder = new MeshBuilder().UseTimeProvider(options.TimeProvider);
            if (options.LoggerFactory is { } loggers)
            {
                builder.UseLoggerFactory(loggers);
            }
            if (options.MeterFactory is { } meters)
            {
                builder.UseMeterFactory(meters);
            }
            builder.LogContent(options.LogContent);
            if (simulated)
            {
                builder.AddProvider(providers[0].Instance).AddModels(models);
            }
            else
            {
                foreach (var found in detection.Providers)
                {
                    found.AddTo(builder);
                }
            }
            foreach (var pool in pools)
            {
                builder.AddPool(new PoolDefinition { Id = pool, Capability = pool, Strategy = options.Strategy });
            }
            var client = builder.Build();
            var banner = simulated ? SimulatedBanner(options, models, pools, detection.Hint) : FoundBanner(detection, pools, models);
            return new EmbeddedMeshResult(client, simulated, providers.Select(p => p.Instance.Id).ToArray(), pools, banner);
        }
        catch
        {
            foreach (var (instance, _) in providers)
            {
                instance.Dispose();
            }
            throw;
        }
    }

    private static (BaseProvider Instance, IReadOnlyList<ModelDefinition> Models) Simulated(EmbeddedMeshOptions options)
    {
        var connector = SimulatedConnector.Connector;
        var provider = new SimulatedProvider(
            new ProviderOptions(SimulatedUpstream.ProviderId, connector.DefaultBaseUrl!) { TimeProvider = options.TimeProvider },
            new SimulatedOptions { Pace = options.Pace, TimeProvider = options.TimeProvider });
        return (provider, connector.CatalogueFor(SimulatedUpstream.ProviderId));
    }

    private static string Source(EnvironmentProviders.Found found) =>
        $"{found.Instance.Id} from {found.Row.Variable}" + (found.BaseUrlVariable is { } url ? $" and {url}" : string.Empty);

    private static string FoundBanner(EnvironmentProviders.Detection detection, string[] pools, ModelDefinition[] models)
    {
        var text = new StringBuilder("Providers found in the environment:\n");
        foreach (var found in detection.Providers)
        {
            var defaults = found.Models.Count == 0 ? "no default models" : string.Join(", ", found.Models.Select(m => m.Id));
            text.Append(CultureInfo.InvariantCulture, $"  {Source(found)}: {(found.Discovery is null ? defaults : "models discovered at the first request (fallback: " + defaults + ")")}\n");
        }
        AppendPools(text, pools, models);
        if (detection.Hint.Length > 0)
        {
            text.Append(detection.Hint).Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }

    private static string SimulatedBanner(EmbeddedMeshOptions options, ModelDefinition[] models, string[] pools, string hint)
    {
        var otherKeys = EnvironmentProviders.KeyVariables.Where(v => v != "OPENAI_API_KEY");
        var text = new StringBuilder()
            .Append("No provider key found in the environment: serving ModelMesh's built-in SIMULATED provider (deterministic answers, not a real model).\n")
            .Append(CultureInfo.InvariantCulture, $"Set OPENAI_API_KEY (or another provider's key: {string.Join(", ", otherKeys)}; or a local runtime host: {string.Join(", ", EnvironmentProviders.HostVariables)}), or pass --config FILE.\n")
            .Append(CultureInfo.InvariantCulture, $"Simulated models: {string.Join(", ", models.Select(m => m.Id))}; streamed at {options.Pace.TotalMilliseconds:0.###} ms a word.\n");
        AppendPools(text, pools, models);
        if (hint.Length > 0)
        {
            text.Append(hint).Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }

    private static void AppendPools(StringBuilder text, string[] pools, ModelDefinition[] models)
    {
        var described = pools.Select(p =>
        {
            var count = models.Count(m => m.Serves(Capabilities.Resolve(p)));
            return $"{p} ({count} model{(count == 1 ? string.Empty : "s")})";
        });
        text.Append("Pools: ").Append(string.Join(", ", described)).Append('\n');
    }
}
