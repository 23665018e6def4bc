namespace ModelMesh;

/// <summary>A <c>storage:</c>, <c>observability:</c> or <c>discovery:</c> section: a connector id and its settings.</summary>
public sealed class ConnectorConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>The connector id (<c>connector</c>), for example <c>modelmesh.console.v1</c>; the router resolves it.</summary>
    public required string Connector { get; init; }

    /// <summary>The connector's own settings (<c>config</c>), substituted but otherwise raw; null when absent.</summary>
    internal ConfigNode? Config { get; init; }
}
