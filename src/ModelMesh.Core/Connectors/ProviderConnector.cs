namespace ModelMesh.Cdk;

/// <summary>
/// A provider connector as the registry knows it: its id, how to build an instance, where it lives by
/// default, and the models it offers out of the box. Config files and <c>Mesh.Create</c> build providers
/// only through these entries (no assembly scanning), so a connector exists once it is registered.
/// </summary>
public sealed class ProviderConnector
{
    /// <summary>The connector id (for example <c>openai.llm.v1</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The vendor's short name, used as the default provider id and in provider filters (for example <c>openai</c>).</summary>
    public required string Vendor { get; init; }

    /// <summary>The upstream's base URL when none is configured; null when one must always be given.</summary>
    public Uri? DefaultBaseUrl { get; init; }

    /// <summary>The environment variable that holds the API key; when set, <c>Mesh.Create</c> turns the connector on from it as it does for its built-in table.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>Whether requests need an API key.</summary>
    public bool RequiresApiKey { get; init; } = true;

    /// <summary>Headers every request of this connector carries (for example OpenRouter's <c>X-Title</c>).</summary>
    public IReadOnlyDictionary<string, string> DefaultHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>The models the connector offers by default, with <see cref="ModelDefinition.ProviderId"/> set to <see cref="Vendor"/>.</summary>
    public IReadOnlyList<ModelDefinition> Catalogue { get; init; } = [];

    /// <summary>
    /// The connector's own keys under a provider's <c>config:</c>, accepted there besides the common ones
    /// (<c>api_key</c>, <c>base_url</c>, <c>timeout</c>, …). <see cref="Create"/> reads them from
    /// <see cref="ProviderOptions.Settings"/>.
    /// </summary>
    public IReadOnlyList<string> SettingKeys { get; init; } = [];

    /// <summary>Builds a provider instance from its options and an optional shared HTTP client.</summary>
    public required Func<ProviderOptions, HttpClient?, BaseProvider> Create { get; init; }

    /// <summary>The catalogue re-homed to a provider instance called <paramref name="providerId"/>.</summary>
    /// <param name="providerId">The provider instance id.</param>
    public IReadOnlyList<ModelDefinition> CatalogueFor(string providerId) =>
        Catalogue.Select(m => m.WithProvider(providerId, Vendor)).ToArray();

    /// <inheritdoc/>
    public override string ToString() => Id;
}
