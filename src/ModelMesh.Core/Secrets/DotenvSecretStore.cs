namespace ModelMesh.Cdk;

/// <summary>
/// <c>modelmesh.dotenv.v1</c>: secrets from a <c>.env</c> file (<c>path</c>, default <c>./.env</c>, relative to the
/// current directory). The file is read on each uncached lookup, so edits are seen once the cache entry expires; a
/// missing file holds no secrets.
/// </summary>
public sealed class DotenvSecretStore : BaseSecretStore
{
    /// <summary>The connector id.</summary>
    public const string Id = "modelmesh.dotenv.v1";

    /// <summary>The default file.</summary>
    public const string DefaultPath = "./.env";

    /// <summary>Creates the store.</summary>
    /// <param name="path">The <c>.env</c> file; null for <see cref="DefaultPath"/>.</param>
    /// <param name="options">Caching and missing-secret behaviour.</param>
    public DotenvSecretStore(string? path = null, SecretStoreOptions? options = null)
        : base(options)
    {
        Path = string.IsNullOrEmpty(path) ? DefaultPath : path;
    }

    /// <summary>The <c>.env</c> file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override string ConnectorId => Id;

    /// <inheritdoc/>
    protected override ValueTask<string?> ResolveCoreAsync(string name, CancellationToken cancellationToken)
    {
        // Read synchronously: the file is small, and configuration loading must not depend on a free thread.
        if (!File.Exists(Path))
        {
            return ValueTask.FromResult<string?>(null);
        }
        var values = DotenvParser.Parse(File.ReadAllText(Path));
        return ValueTask.FromResult(values.TryGetValue(name, out var value) ? value : null);
    }

    /// <inheritdoc/>
    protected override string? DescribeLookup(string name) =>
        File.Exists(Path) ? $".env file '{Path}'" : $".env file '{Path}' does not exist";
}
