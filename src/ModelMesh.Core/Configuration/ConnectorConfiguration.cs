namespace ModelMesh;

/// <summary>A <c>storage:</c>, <c>observability:</c> or <c>discovery:</c> section: a connector id and its settings.</summary>
public sealed class ConnectorConfiguration : ConfigSection
{
    /// <summary>The connector id (<c>connector</c>), for example <c>modelmesh.console.v1</c>; the router resolves it.</summary>
    public required string Connector { get; init; }

    /// <summary>The connector's own settings (<c>config</c>), substituted but otherwise raw; null when absent.</summary>
    public ConfigNode? Config { get; init; }
}
