namespace ModelMesh.Cdk;

/// <summary>
/// A model an upstream says it serves (<see cref="BaseProvider.DiscoverModelsAsync"/>): its upstream name and what
/// the upstream's own typed data says it can do. What is null the upstream did not say; the mesh then decides by the
/// provider's settings (see docs/configuration.md, "Model discovery"), never by guessing from the name.
/// </summary>
/// <param name="Name">The name to request the model by upstream (<c>llama3.2:latest</c>).</param>
public sealed record DiscoveredModel(string Name)
{
    /// <summary>The capabilities (paths or aliases) the upstream reports; null when it reports none.</summary>
    public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary>The optional features the upstream reports; null when unknown.</summary>
    public ModelFeatures? Features { get; init; }
}
