namespace ModelMesh;

/// <summary>
/// A model the mesh can route to: which provider serves it, under which upstream name, for which capabilities,
/// and what it can take and costs. The router filters and scores candidates from these facts.
/// </summary>
public sealed class ModelDefinition
{
    private readonly IReadOnlyList<string> _capabilities = [];

    /// <summary>The mesh-wide model id, conventionally <c>provider.model</c> (for example <c>openai.gpt-4o</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The id of the provider instance that serves the model.</summary>
    public required string ProviderId { get; init; }

    /// <summary>
    /// The model name sent upstream. When null, <see cref="Id"/> without a leading <c>ProviderId.</c> prefix.
    /// </summary>
    public string? UpstreamModel { get; init; }

    /// <summary>The capability paths the model serves; aliases are resolved to full paths when set.</summary>
    /// <exception cref="UnknownCapabilityException">A name is neither a capability path nor an alias.</exception>
    [CapabilityName]
    public required IReadOnlyList<string> Capabilities
    {
        get => _capabilities;
        init
        {
            _capabilities = value.Select(name => ModelMesh.Capabilities.Resolve(name)).Distinct(StringComparer.Ordinal).ToArray();
            ServesChat = Routing.OperationCapabilities.AnswersChat(_capabilities);
        }
    }

    /// <summary>Largest prompt plus completion in tokens; null when unknown (then not checked).</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Largest completion in tokens; null when unknown.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>What the model costs; null means unpriced (counted as free, so budgets cannot limit it).</summary>
    public ModelPricing? Pricing { get; init; }

    /// <summary>Optional features the model supports; null when unknown (then requests are not filtered by feature).</summary>
    public ModelFeatures? Features { get; init; }

    /// <summary>Most requests per UTC day; null for no limit. The model is deactivated when it is reached.</summary>
    public long? DailyRequestLimit { get; init; }

    /// <summary>Most tokens per UTC day; null for no limit.</summary>
    public long? DailyTokenLimit { get; init; }

    /// <summary>Most dollars per UTC day for this model; null for no limit.</summary>
    public decimal? DailyCostLimit { get; init; }

    /// <summary>Whether a chat completion can go to this model (decided once, from its capabilities).</summary>
    internal bool ServesChat { get; private init; }

    /// <summary>The model name sent upstream (<see cref="UpstreamModel"/> or the id without the provider prefix).</summary>
    public string WireModel => UpstreamModel
        ?? (Id.StartsWith(ProviderId + ".", StringComparison.Ordinal) ? Id[(ProviderId.Length + 1)..] : Id);

    /// <summary>Whether the model serves <paramref name="capabilityPath"/> or a leaf below it.</summary>
    /// <param name="capabilityPath">A capability path or alias.</param>
    public bool Serves(string capabilityPath)
    {
        // The model's own paths were resolved when set, so only the argument needs resolving (the router asks per request).
        var ancestor = ModelMesh.Capabilities.Resolve(capabilityPath);
        return _capabilities.Any(own => ModelMesh.Capabilities.IsAtOrBelow(ancestor, own));
    }

    /// <summary>
    /// A copy served by provider instance <paramref name="providerId"/>; an id prefixed with
    /// <paramref name="oldPrefix"/> gets the new provider id as its prefix.
    /// </summary>
    internal ModelDefinition WithProvider(string providerId, string oldPrefix) => new()
    {
        Id = Id.StartsWith(oldPrefix + ".", StringComparison.Ordinal) ? providerId + Id[oldPrefix.Length..] : Id,
        ProviderId = providerId,
        UpstreamModel = WireModel,
        Capabilities = Capabilities,
        ContextWindow = ContextWindow,
        MaxOutputTokens = MaxOutputTokens,
        Pricing = Pricing,
        Features = Features,
        DailyRequestLimit = DailyRequestLimit,
        DailyTokenLimit = DailyTokenLimit,
        DailyCostLimit = DailyCostLimit,
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({ProviderId}:{WireModel})";
}
