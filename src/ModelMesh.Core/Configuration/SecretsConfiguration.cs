using ModelMesh.Cdk;

namespace ModelMesh;

/// <summary>The <c>secrets:</c> section: which secret store resolves <c>${secrets:NAME}</c>.</summary>
public sealed class SecretsConfiguration : ConfigSection
{
    /// <summary>The store's connector id (<c>store</c>); default <c>modelmesh.env.v1</c>.</summary>
    public string Store { get; init; } = EnvSecretStore.Id;

    /// <summary>The store's own settings (<c>config</c>), with <c>${env:…}</c> expanded; null when absent.</summary>
    public ConfigNode? Config { get; init; }
}
