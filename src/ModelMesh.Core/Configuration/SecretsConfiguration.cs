using ModelMesh.Cdk;

namespace ModelMesh;

/// <summary>The <c>secrets:</c> section: which secret store resolves <c>${secrets:NAME}</c>.</summary>
public sealed class SecretsConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>The store's connector id (<c>store</c>); default <c>modelmesh.env.v1</c>.</summary>
    public string Store { get; init; } = EnvSecretStore.Id;

    /// <summary>The store's own settings (<c>config</c>), with <c>${env:…}</c> expanded; null when absent.</summary>
    internal ConfigNode? Config { get; init; }
}
