namespace ModelMesh.Cdk;

/// <summary>
/// <c>modelmesh.env.v1</c>, the default store: a secret is the environment variable of that name, optionally with a
/// prefix (<c>prefix: MODELMESH_</c> makes <c>${secrets:OPENAI_API_KEY}</c> read <c>MODELMESH_OPENAI_API_KEY</c>).
/// An empty variable counts as missing.
/// </summary>
public sealed class EnvSecretStore : BaseSecretStore
{
    /// <summary>The connector id.</summary>
    public const string Id = "modelmesh.env.v1";

    private readonly Func<string, string?> _environment;

    /// <summary>Creates the store.</summary>
    /// <param name="prefix">Prepended to every name; null or empty for none.</param>
    /// <param name="environment">Reads a variable; default <see cref="Environment.GetEnvironmentVariable(string)"/> (tests pass a dictionary).</param>
    /// <param name="options">Caching and missing-secret behaviour.</param>
    public EnvSecretStore(string? prefix = null, Func<string, string?>? environment = null, SecretStoreOptions? options = null)
        : base(options)
    {
        Prefix = prefix ?? string.Empty;
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>Prepended to every name.</summary>
    public string Prefix { get; }

    /// <inheritdoc/>
    public override string ConnectorId => Id;

    /// <inheritdoc/>
    protected override ValueTask<string?> ResolveCoreAsync(string name, CancellationToken cancellationToken)
    {
        var value = _environment(Prefix + name);
        return ValueTask.FromResult(string.IsNullOrEmpty(value) ? null : value);
    }

    /// <inheritdoc/>
    protected override string? DescribeLookup(string name) => $"environment variable '{Prefix}{name}'";
}
