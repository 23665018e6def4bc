using Microsoft.Extensions.Configuration;
using ModelMesh.Configuration;

namespace ModelMesh;

/// <summary>
/// A validated ModelMesh configuration: the YAML schema of ModelMesh (<c>secrets</c>, <c>providers</c>,
/// <c>models</c>, <c>pools</c>, <c>storage</c>, <c>observability</c>, <c>discovery</c>, <c>budget</c>,
/// <c>proxy</c>, <c>connectors</c>, plus <c>template</c>), read from a file, YAML text or
/// <see cref="IConfiguration"/>. Every section keeps its <c>Location</c>, where it was written.
/// </summary>
/// <remarks>
/// Loading expands <c>${env:NAME}</c> and <c>${secrets:NAME}</c> in every value, checks every key, type, range and
/// reference, and throws one <see cref="ConfigurationException"/> listing every problem found. Connector ids and
/// strategy ids are kept as written: whoever instantiates the connectors checks them, pointing at the key's
/// location. Dictionaries use ordinal keys and keep file order (for
/// <see cref="IConfiguration"/> sources, the order the providers give).
/// </remarks>
public sealed class MeshConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>The applied template's name (<c>template</c>, or <see cref="ConfigurationLoadOptions.Template"/>); null for none.</summary>
    public string? Template { get; init; }

    /// <summary>The secret store (<c>secrets</c>).</summary>
    public SecretsConfiguration Secrets { get; init; } = new();

    /// <summary>Provider instances by id (<c>providers</c>).</summary>
    public IReadOnlyDictionary<string, ProviderConfiguration> Providers { get; init; } = new Dictionary<string, ProviderConfiguration>(StringComparer.Ordinal);

    /// <summary>Models by id (<c>models</c>).</summary>
    public IReadOnlyDictionary<string, ModelConfiguration> Models { get; init; } = new Dictionary<string, ModelConfiguration>(StringComparer.Ordinal);

    /// <summary>Pools by id (<c>pools</c>).</summary>
    public IReadOnlyDictionary<string, PoolConfiguration> Pools { get; init; } = new Dictionary<string, PoolConfiguration>(StringComparer.Ordinal);

    /// <summary>The state storage connector (<c>storage</c>); null for the default.</summary>
    public ConnectorConfiguration? Storage { get; init; }

    /// <summary>The observability connector (<c>observability</c>, or the template's); null for the default.</summary>
    public ConnectorConfiguration? Observability { get; init; }

    /// <summary>The discovery connector (<c>discovery</c>); null for none.</summary>
    public ConnectorConfiguration? Discovery { get; init; }

    /// <summary>Spending limits (<c>budget</c>, or the template's); null for none.</summary>
    public BudgetConfiguration? Budget { get; init; }

    /// <summary>Gateway defaults (<c>proxy</c>); null when absent.</summary>
    public ProxyConfiguration? Proxy { get; init; }

    /// <summary>Connector packages (<c>connectors</c>); null when absent.</summary>
    public ConnectorsConfiguration? Connectors { get; init; }

    /// <summary>Reads and validates a YAML file, synchronously.</summary>
    /// <remarks>
    /// Never blocks on an asynchronous secret store: with the built-in stores (which complete synchronously) this
    /// works as <see cref="LoadAsync"/> does; with a store that completes a lookup asynchronously it throws
    /// <see cref="InvalidOperationException"/>, and <see cref="LoadAsync"/> is the entry point to use.
    /// </remarks>
    /// <param name="path">The file.</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; every problem is listed.</exception>
    /// <exception cref="InvalidOperationException">The secret store completed a lookup asynchronously.</exception>
    public static MeshConfiguration Load(string path, ConfigurationLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = ConfigurationFile.Decode(ConfigurationFile.Read(path, MaxBytes(options)), path);
        return SynchronousCompletion.Run(ct => ParseAsync(text, path, options, ct), "MeshConfiguration.Load", "MeshConfiguration.LoadAsync", options?.SecretStore);
    }

    /// <summary>Reads and validates a YAML file, awaiting the file and every secret lookup.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels reading the file and the secret lookups.</param>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; every problem is listed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async ValueTask<MeshConfiguration> LoadAsync(string path, ConfigurationLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var content = await ConfigurationFile.ReadAsync(path, MaxBytes(options), cancellationToken).ConfigureAwait(false);
        return await ParseAsync(ConfigurationFile.Decode(content, path), path, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads and validates YAML text, synchronously.</summary>
    /// <remarks>Never blocks on an asynchronous secret store; see <see cref="Load"/>.</remarks>
    /// <param name="yamlText">The YAML.</param>
    /// <param name="sourceName">A file path or name for messages; null for none.</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <exception cref="ConfigurationException">The YAML is invalid; every problem is listed.</exception>
    /// <exception cref="InvalidOperationException">The secret store completed a lookup asynchronously: use <see cref="ParseAsync"/>.</exception>
    public static MeshConfiguration Parse(string yamlText, string? sourceName = null, ConfigurationLoadOptions? options = null) =>
        SynchronousCompletion.Run(ct => ParseAsync(yamlText, sourceName, options, ct), "MeshConfiguration.Parse", "MeshConfiguration.ParseAsync", options?.SecretStore);

    /// <summary>Reads and validates YAML text, awaiting every secret lookup.</summary>
    /// <param name="yamlText">The YAML.</param>
    /// <param name="sourceName">A file path or name for messages; null for none.</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels secret lookups.</param>
    /// <exception cref="ConfigurationException">The YAML is invalid; every problem is listed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ValueTask<MeshConfiguration> ParseAsync(string yamlText, string? sourceName = null, ConfigurationLoadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        var root = YamlTreeReader.Read(yamlText, sourceName, options?.MaxDocumentBytes ?? ConfigurationLoadOptions.DefaultMaxDocumentBytes);
        return FromNodeAsync(root, options, cancellationToken);
    }

    /// <summary>
    /// Reads and validates an <see cref="IConfiguration"/> root or section (appsettings.json, environment variables, …)
    /// in the same shape as the YAML file, synchronously.
    /// </summary>
    /// <remarks>Never blocks on an asynchronous secret store; see <see cref="Load"/>.</remarks>
    /// <param name="configuration">The root, or the section holding the mesh configuration (for example <c>GetSection("ModelMesh")</c>).</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <exception cref="ConfigurationException">The configuration is invalid; every problem is listed.</exception>
    /// <exception cref="InvalidOperationException">The secret store completed a lookup asynchronously: use <see cref="FromConfigurationAsync"/>.</exception>
    public static MeshConfiguration FromConfiguration(IConfiguration configuration, ConfigurationLoadOptions? options = null) =>
        SynchronousCompletion.Run(ct => FromConfigurationAsync(configuration, options, ct), "MeshConfiguration.FromConfiguration",
            "MeshConfiguration.FromConfigurationAsync", options?.SecretStore);

    /// <summary>Reads and validates an <see cref="IConfiguration"/>, awaiting every secret lookup.</summary>
    /// <param name="configuration">The root, or the section holding the mesh configuration.</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels secret lookups.</param>
    /// <exception cref="ConfigurationException">The configuration is invalid; every problem is listed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ValueTask<MeshConfiguration> FromConfigurationAsync(IConfiguration configuration, ConfigurationLoadOptions? options = null,
        CancellationToken cancellationToken = default) =>
        FromNodeAsync(ConfigNode.FromConfiguration(configuration), options, cancellationToken);

    /// <summary>Validates a tree already read (for example built by <see cref="ConfigNode.FromYaml"/>).</summary>
    /// <param name="root">The root mapping.</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels secret lookups.</param>
    /// <exception cref="ConfigurationException">The configuration is invalid; every problem is listed.</exception>
    internal static ValueTask<MeshConfiguration> FromNodeAsync(ConfigNode root, ConfigurationLoadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        return MeshConfigurationReader.ReadAsync(root, options, cancellationToken);
    }

    /// <summary>The document limit the options set.</summary>
    internal static int MaxBytes(ConfigurationLoadOptions? options) => options?.MaxDocumentBytes ?? ConfigurationLoadOptions.DefaultMaxDocumentBytes;
}
