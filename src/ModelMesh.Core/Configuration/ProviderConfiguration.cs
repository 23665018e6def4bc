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
    /// The connector's settings (<c>config</c>, plus the <c>api_key</c> and <c>base_url</c> shorthands written at
    /// provider level), substituted but otherwise raw: the connector validates them. Null when there are none.
    /// </summary>
    internal ConfigNode? Config { get; init; }
}
