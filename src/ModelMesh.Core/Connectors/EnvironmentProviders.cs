using ModelMesh.Cdk;

namespace ModelMesh;

/// <summary>Builds the providers the environment (and explicit keys) turn on, by <see cref="EnvironmentDetection.Table"/>.</summary>
internal static class EnvironmentProviders
{
    /// <summary>A provider turned on by <paramref name="Row"/>'s variable; <paramref name="BaseUrlVariable"/> is the variable its URL came from, if any.</summary>
    /// <remarks>
    /// <c>Discovery</c> is set for a local runtime found by its host variable when <see cref="MeshOptions.Models"/>
    /// does not name the models: its <paramref name="Models"/> (the catalogue) are then only the fallback of what it
    /// discovers, and <c>Catalogue</c> gives discovered names their metadata.
    /// </remarks>
    internal sealed record Found(BaseProvider Instance, IReadOnlyList<ModelDefinition> Models, DetectionRow Row, string? BaseUrlVariable)
    {
        public ModelDiscoveryOptions? Discovery { get; init; }

        public IReadOnlyList<ModelDefinition> Catalogue { get; init; } = [];

        /// <summary>Adds the provider, its models and its discovery to <paramref name="builder"/>.</summary>
        public void AddTo(MeshBuilder builder)
        {
            builder.AddProvider(Instance);
            builder.AddModels(Models);
            if (Discovery is { } discovery)
            {
                builder.DiscoverModels(Instance.Id, discovery, Catalogue, Models.Select(m => m.Id).ToArray());
            }
        }

        /// <summary>Whether a model of this provider could serve <paramref name="capabilityPath"/>: a fallback model does, or discovery may find one.</summary>
        public bool MayServe(string capabilityPath) =>
            Models.Any(m => m.Serves(capabilityPath))
            || (Discovery is { } discovery && (discovery.Capabilities.Any(c => Capabilities.IsAtOrBelow(capabilityPath, Capabilities.Resolve(c))) || Catalogue.Any(m => m.Serves(capabilityPath))));
    }

    internal sealed record Detection(IReadOnlyList<Found> Providers, string Hint);

    /// <exception cref="ConfigurationException">Nothing usable was found; the message names what to set.</exception>
    public static Detection Detect(MeshOptions options)
    {
        var detection = Scan(options);
        if (detection.Providers.Count == 0)
        {
            var keys = string.Join(", ", KeyVariables);
            var hosts = string.Join(", ", HostVariables);
            var filter = options.Providers.Count > 0 ? $" (looking only for: {string.Join(", ", options.Providers)})" : string.Empty;
            throw new ConfigurationException($"No provider was found in the environment{filter}. Set an API key ({keys}) or a local runtime host ({hosts}), pass MeshOptions.ApiKeys, or use a config file. {detection.Hint}".TrimEnd());
        }
        return detection;
    }

    /// <summary>The key variables whose connector is registered, in detection order.</summary>
    public static IEnumerable<string> KeyVariables =>
        EnvironmentDetection.Table.Where(r => !r.IsHost && ConnectorRegistry.TryGet(r.ConnectorId, out _)).Select(r => r.Variable);

    /// <summary>The local runtime host variables.</summary>
    public static IEnumerable<string> HostVariables => EnvironmentDetection.Table.Where(r => r.IsHost).Select(r => r.Variable);

    /// <summary>Like <see cref="Detect"/>, but finding nothing is an empty result rather than an error.</summary>
    /// <exception cref="ConfigurationException">A variable that was found holds an unusable URL.</exception>
    public static Detection Scan(MeshOptions options)
    {
        var environment = options.Environment ?? System.Environment.GetEnvironmentVariable;
        var found = new List<Found>();
        var unsupported = new List<string>();
        foreach (var row in EnvironmentDetection.Table.Concat(RegisteredRows()))
        {
            if (options.Providers.Count > 0 && !options.Providers.Any(p => string.Equals(p, row.Vendor, StringComparison.OrdinalIgnoreCase) || string.Equals(p, row.ConnectorId, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var value = Explicit(options, row) ?? environment(row.Variable);
            if (string.IsNullOrWhiteSpace(value) || found.Any(f => f.Row.Vendor == row.Vendor))
            {
                continue; // unset, or the vendor's earlier variable already turned it on (GEMINI_API_KEY before GOOGLE_API_KEY)
            }
            if (!ConnectorRegistry.TryGet(row.ConnectorId, out var connector))
            {
                unsupported.Add($"{row.Variable} ({row.ConnectorId})");
                continue;
            }
            var overrideVariable = row.IsHost ? null
                : EnvironmentDetection.BaseUrlVariable(row) is { } urlVariable && environment(urlVariable) is { Length: > 0 } ? urlVariable : null;
            var baseUrl = row.IsHost
                ? EnvironmentDetection.VariableUrl(row.Variable, value, isHost: true, connector.DefaultBaseUrl!)
                : overrideVariable is not null
                    ? EnvironmentDetection.VariableUrl(overrideVariable, environment(overrideVariable)!, isHost: false, connector.DefaultBaseUrl!)
                    : connector.DefaultBaseUrl!;
            var providerOptions = new ProviderOptions(row.Vendor, baseUrl)
            {
                ApiKey = row.IsHost ? null : value,
                TimeProvider = options.TimeProvider,
            };
            var models = connector.CatalogueFor(row.Vendor).Concat(RequestedModels(options, row, connector)).ToArray();
            if (options.Models.Count > 0)
            {
                models = models.Where(m => options.Models.Contains(m.Id, StringComparer.OrdinalIgnoreCase)).ToArray();
            }
            // A local runtime serves what was pulled or loaded into it, not its connector's catalogue: discovered, unless the options name the models.
            var discovery = row.IsHost && options.Models.Count == 0 ? options.Discovery : null;
            found.Add(new Found(connector.Create(providerOptions, options.HttpClient), models, row, overrideVariable)
            {
                Discovery = discovery,
                Catalogue = discovery is null ? [] : connector.CatalogueFor(row.Vendor),
            });
        }
        var hint = unsupported.Count == 0 ? string.Empty : $"Found but not usable yet (no native connector): {string.Join(", ", unsupported)}.";
        return new Detection(found, hint);
    }

    /// <summary>
    /// Connectors registered with an <see cref="ProviderConnector.ApiKeyEnv"/> the table does not know (generated
    /// <c>[Provider(ApiKeyEnv = …)]</c> connectors): their variable turns them on like a table row.
    /// </summary>
    private static IEnumerable<DetectionRow> RegisteredRows() =>
        ConnectorRegistry.Providers
            .Where(c => c.ApiKeyEnv is { Length: > 0 } variable && !EnvironmentDetection.Table.Any(r => r.Variable == variable || r.ConnectorId == c.Id))
            .Select(c => new DetectionRow(c.ApiKeyEnv!, c.Id, c.Vendor, IsHost: false, c.Catalogue.Select(m => m.Id).ToArray()));

    private static string? Explicit(MeshOptions options, DetectionRow row) =>
        options.ApiKeys.FirstOrDefault(k => string.Equals(k.Key, row.Variable, StringComparison.OrdinalIgnoreCase) || string.Equals(k.Key, row.Vendor, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// Models named in <see cref="MeshOptions.Models"/> as <c>vendor.name</c> that the catalogue lacks (a model
    /// loaded in a local runtime): served as chat models under their upstream name.
    /// </summary>
    private static IEnumerable<ModelDefinition> RequestedModels(MeshOptions options, DetectionRow row, ProviderConnector connector) =>
        options.Models
            .Where(id => id.StartsWith(row.Vendor + ".", StringComparison.OrdinalIgnoreCase) && !connector.Catalogue.Any(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase)))
            .Select(id => new ModelDefinition { Id = id, ProviderId = row.Vendor, UpstreamModel = id[(row.Vendor.Length + 1)..], Capabilities = ["chat-completion"] });
}
