using ModelMesh.Cdk;

namespace ModelMesh.Configuration;

/// <summary>
/// The models a provider contributes when the configuration lists none for it: its connector's catalogue (the
/// built-in defaults, or a generated connector's <c>[ModelInfo]</c> models) under the provider's own id,
/// <c>&lt;providerId&gt;.&lt;model&gt;</c>. Listing any model for the provider replaces its catalogue.
/// </summary>
internal static class CatalogueModels
{
    /// <summary>The catalogue models <paramref name="provider"/> contributes; empty when models are listed for it or its connector is unknown.</summary>
    /// <param name="provider">The provider entry.</param>
    /// <param name="models">Every model the configuration defines.</param>
    public static IReadOnlyList<ModelDefinition> For(ProviderConfiguration provider, IReadOnlyDictionary<string, ModelConfiguration> models)
    {
        if (ListsModels(provider, models) || !ConnectorRegistry.TryGet(provider.Connector, out var connector))
        {
            return [];
        }
        // An id the configuration defines itself (for another provider) keeps the configuration's meaning.
        return connector.CatalogueFor(provider.Id).Where(m => !models.ContainsKey(m.Id)).ToArray();
    }

    /// <summary>Whether the configuration lists at least one model for <paramref name="provider"/>.</summary>
    public static bool ListsModels(ProviderConfiguration provider, IReadOnlyDictionary<string, ModelConfiguration> models) =>
        models.Values.Any(m => string.Equals(m.Provider, provider.Id, StringComparison.Ordinal));
}
