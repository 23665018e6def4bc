namespace ModelMesh.Configuration;

/// <summary>
/// The message for a pool that no model of the configuration can serve: what the pool asks for, and what each
/// provider offered (its listed models, its connector's catalogue, or nothing), so the fix is plain.
/// </summary>
internal static class PoolWithoutModels
{
    public static string Describe(PoolConfiguration pool, MeshConfiguration configuration)
    {
        var wants = new List<string>();
        if (pool.Capability is { } capability)
        {
            wants.Add($"serves '{capability}'");
        }
        if (pool.Models.Count > 0)
        {
            wants.Add($"is one of [{string.Join(", ", pool.Models)}]");
        }
        var filters = pool.Providers.Count > 0 ? $" from providers [{string.Join(", ", pool.Providers)}]" : string.Empty;
        if (pool.ExcludedProviders.Count > 0)
        {
            filters += $" outside providers [{string.Join(", ", pool.ExcludedProviders)}]";
        }
        var considered = configuration.Providers.Values.Select(p => $"provider '{p.Id}' (connector '{p.Connector}'): {Offer(p, configuration)}").ToArray();
        return $"Pool '{pool.Id}' has no model: none of the models considered {string.Join(" or ", wants)}{filters}. "
            + (considered.Length == 0 ? "No provider is configured." : $"Considered: {string.Join("; ", considered)}.")
            + " List a model for it under 'models', or use a provider whose connector's catalogue has one.";
    }

    private static string Offer(ProviderConfiguration provider, MeshConfiguration configuration)
    {
        if (!provider.Enabled)
        {
            return "disabled";
        }
        if (CatalogueModels.ListsModels(provider, configuration.Models))
        {
            return string.Join(", ", configuration.Models.Values.Where(m => m.Provider == provider.Id).Select(m => m.Id));
        }
        if (!Cdk.ConnectorRegistry.TryGet(provider.Connector, out _))
        {
            return "the connector is not registered";
        }
        var catalogue = CatalogueModels.For(provider, configuration.Models);
        return catalogue.Count == 0
            ? "no models listed, and the connector has no catalogue"
            : string.Join(", ", catalogue.Select(m => m.Id));
    }
}
