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

    /// <summary>The default of <see cref="MaxDocumentBytes"/>: 4 MiB.</summary>
    public const int DefaultMaxDocumentBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The largest YAML document read, in bytes of UTF-8 (a file is checked before it is read); default 4 MiB.
    /// Larger input is rejected with a <see cref="ConfigurationException"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxDocumentBytes
    {
        get => _maxDocumentBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxDocumentBytes = value;
        }
    }

    private readonly int _maxDocumentBytes = DefaultMaxDocumentBytes;
}
