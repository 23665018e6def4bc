namespace ModelMesh;

/// <summary>One entry of <c>providers:</c> — a provider connector instance.</summary>
public sealed class ProviderConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>The provider id (the key under <c>providers:</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The connector id (<c>connector</c>), for example <c>openai.llm.v1</c>; the router resolves it.</summary>
    public required string Connector { get; init; }

    /// <summary>Whether the provider takes part in routing (<c>enabled</c>); default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Whether the mesh discovers the models the provider serves (<c>discover_models</c>); null when not written, which
    /// means yes for a provider the configuration lists no models for whose connector is a local runtime (Ollama,
    /// LM Studio, vLLM, LocalAI) or has no catalogue (<c>openai-compatible</c>). See docs/configuration.md, "Model discovery".
    /// </summary>
    public bool? DiscoverModels { get; init; }

    /// <summary>The capabilities of a discovered model the upstream does not describe (<c>discovered_capabilities</c>, resolved paths); null for <c>chat-completion</c>.</summary>
    public IReadOnlyList<string>? DiscoveredCapabilities { get; init; }

    /// <summary>How long one discovery may take (<c>discovery_timeout</c>); null for 5 s.</summary>
    public TimeSpan? DiscoveryTimeout { get; init; }

    /// <summary>How long after a failed discovery the next starts at the earliest (<c>discovery_cooldown</c>); null for 60 s.</summary>
    public TimeSpan? DiscoveryCooldown { get; init; }

    /// <summary>
    /// The connector's settings (<c>config</c>, plus the <c>api_key</c> and <c>base_url</c> shorthands written at
    /// provider level), substituted but otherwise raw: the connector validates them. Null when there are none.
    /// </summary>
    internal ConfigNode? Config { get; init; }
}
