using ModelMesh.Cdk;

namespace ModelMesh;

/// <summary>How a configuration is loaded: where <c>${env:…}</c> and <c>${secrets:…}</c> come from, and defaults.</summary>
public sealed class ConfigurationLoadOptions
{
    /// <summary>Reads an environment variable, for <c>${env:NAME}</c> and the env secret store; default the process environment.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>
    /// A ready secret store for <c>${secrets:NAME}</c>. When set, no store is built from the file's
    /// <c>secrets:</c> section (it is still read into <see cref="MeshConfiguration.Secrets"/>, and its
    /// <c>store</c> may then name a custom connector).
    /// </summary>
    public BaseSecretStore? SecretStore { get; init; }

    /// <summary>The clock of a secret store built from the file; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>A template name (see <see cref="MeshTemplates"/>) applied when the file names none.</summary>
    public string? Template { get; init; }
}
