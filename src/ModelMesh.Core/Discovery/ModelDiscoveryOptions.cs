namespace ModelMesh;

/// <summary>
/// How a mesh discovers a provider's models (see docs/configuration.md, "Model discovery"): once, at the first request
/// that could route to the provider (or at <see cref="ModelsClient.RefreshAsync"/>), bounded by <see cref="Timeout"/>,
/// and after a failure not again before <see cref="Cooldown"/> has passed.
/// </summary>
public sealed record ModelDiscoveryOptions
{
    /// <summary>How long one discovery may take, all its upstream calls together. Default 5 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long after a failed discovery the next one starts at the earliest. Default 60 s.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The capabilities of a discovered model whose upstream does not report its own and that no catalogue row
    /// describes (an OpenAI-compatible <c>/v1/models</c> lists ids only). Default <c>chat-completion</c>.
    /// </summary>
    [CapabilityName]
    public IReadOnlyList<string> Capabilities { get; init; } = ["chat-completion"];

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A duration is out of range or a capability unknown or none given.</exception>
    internal void Validate(string providerId)
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromHours(24))
        {
            throw new ArgumentException($"Model discovery of provider '{providerId}': Timeout must be above zero and at most 24 h.", nameof(Timeout));
        }
        if (Cooldown < TimeSpan.Zero || Cooldown > TimeSpan.FromDays(30))
        {
            throw new ArgumentException($"Model discovery of provider '{providerId}': Cooldown must be between zero and 30 days.", nameof(Cooldown));
        }
        if (Capabilities is null || Capabilities.Count == 0 || Capabilities.Any(c => !ModelMesh.Capabilities.TryResolve(c, out _)))
        {
            throw new ArgumentException($"Model discovery of provider '{providerId}': Capabilities must name at least one capability, each a path or alias.", nameof(Capabilities));
        }
    }
}
