using ModelMesh.Cdk;

namespace ModelMesh.Configuration;

/// <summary>Which configured providers discover their models, and with what settings (docs/configuration.md, "Model discovery").</summary>
internal static class ConfiguredDiscovery
{
    /// <summary>
    /// The provider's discovery settings, or null when it does not discover: <c>discover_models</c> decides when written;
    /// otherwise a provider the configuration lists no models for discovers when its connector is a local runtime (a
    /// host row of <see cref="EnvironmentDetection.Table"/>) or has no catalogue to fall back on.
    /// </summary>
    public static ModelDiscoveryOptions? For(ProviderConfiguration provider, IReadOnlyDictionary<string, ModelConfiguration> models)
    {
        if (provider.DiscoverModels is bool written)
        {
            if (!written)
            {
                return null;
            }
        }
        else if (CatalogueModels.ListsModels(provider, models)
            || !ConnectorRegistry.TryGet(provider.Connector, out var connector)
            || (connector.Catalogue.Count > 0 && !IsLocalRuntime(connector)))
        {
            return null;
        }
        var defaults = new ModelDiscoveryOptions();
        return new ModelDiscoveryOptions
        {
            Timeout = provider.DiscoveryTimeout ?? defaults.Timeout,
            Cooldown = provider.DiscoveryCooldown ?? defaults.Cooldown,
            Capabilities = provider.DiscoveredCapabilities ?? defaults.Capabilities,
        };
    }

    /// <summary>The connector's catalogue under the provider's id (metadata for discovered names); empty for an unknown connector.</summary>
    public static IReadOnlyList<ModelDefinition> Catalogue(ProviderConfiguration provider) =>
        ConnectorRegistry.TryGet(provider.Connector, out var connector) ? connector.CatalogueFor(provider.Id) : [];

    /// <summary>
    /// Whether discovery could give <paramref name="pool"/> a model of the provider: a capability pool admitting the
    /// provider, whose capability the default discovered capabilities or a catalogue row serve.
    /// </summary>
    public static bool MayFeed(PoolDefinition pool, ProviderConfiguration provider, ModelDiscoveryOptions options)
    {
        if (pool.Capability is not { } capability
            || pool.ExcludedProviders.Contains(provider.Id, StringComparer.Ordinal)
            || (pool.Providers.Count > 0 && !pool.Providers.Contains(provider.Id, StringComparer.Ordinal)))
        {
            return false;
        }
        return options.Capabilities.Any(c => Capabilities.IsAtOrBelow(capability, Capabilities.Resolve(c))) || Catalogue(provider).Any(m => m.Serves(capability));
    }

    private static bool IsLocalRuntime(ProviderConnector connector) =>
        EnvironmentDetection.Table.Any(row => row.IsHost && string.Equals(row.ConnectorId, connector.Id, StringComparison.Ordinal));
}
