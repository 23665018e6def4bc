namespace ModelMesh.Cdk;

// What a mesh asks a provider when it discovers the models to route to.
public abstract partial class BaseProvider
{
    /// <summary>
    /// Lists the upstream's models with what the upstream itself says each can do. The default lists
    /// <see cref="ListModelsAsync"/> (an OpenAI-style <c>/v1/models</c> gives ids only, so capabilities stay unknown);
    /// a connector whose upstream reports capabilities overrides <see cref="DiscoverModelsCoreAsync"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ProviderException">The upstream failed.</exception>
    public Task<IReadOnlyList<DiscoveredModel>> DiscoverModelsAsync(CancellationToken cancellationToken = default) => DiscoverModelsCoreAsync(cancellationToken);

    /// <summary>Discovers the upstream's models; the default maps every entry of <see cref="ListModelsAsync"/> with unknown capabilities.</summary>
    /// <param name="cancellationToken">Cancels the call; a cancellation is passed on as an <see cref="OperationCanceledException"/>.</param>
    protected virtual async Task<IReadOnlyList<DiscoveredModel>> DiscoverModelsCoreAsync(CancellationToken cancellationToken)
    {
        var list = await ListModelsAsync(cancellationToken).ConfigureAwait(false);
        return list.Data.Where(m => !string.IsNullOrWhiteSpace(m.Id)).Select(m => new DiscoveredModel(m.Id)).ToArray();
    }
}
