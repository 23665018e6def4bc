using Microsoft.Extensions.Configuration;
using ModelMesh.Configuration;

namespace ModelMesh;

/// <summary>
/// A validated ModelMesh configuration: the YAML schema of ModelMesh (<c>secrets</c>, <c>providers</c>,
/// <c>models</c>, <c>pools</c>, <c>storage</c>, <c>observability</c>, <c>discovery</c>, <c>budget</c>,
/// <c>proxy</c>, <c>connectors</c>, plus <c>template</c>), read from a file, YAML text or
/// <see cref="IConfiguration"/>. Every section keeps its <see cref="ConfigSection.Location"/>.
/// </summary>
/// <remarks>
/// Loading expands <c>${env:NAME}</c> and <c>${secrets:NAME}</c> in every value, checks every key, type, range and
/// reference, and throws one <see cref="ConfigurationException"/> listing every problem found. Connector ids and
/// strategy ids are kept as written: whoever instantiates the connectors checks them, pointing at
/// <see cref="ConfigSection.LocationOf"/>. Dictionaries use ordinal keys and keep file order (for
/// <see cref="IConfiguration"/> sources, the order the providers give).
/// </remarks>
public sealed class MeshConfiguration : ConfigSection
{
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

    /// <summary>Reads and validates a YAML file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; every problem is listed.</exception>
    public static MeshConfiguration Load(string path, ConfigurationLoadOptions? options = null) => Wait(LoadAsync(path, options));

    /// <summary>Reads and validates a YAML file; use this when the secret store resolves asynchronously.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels secret lookups.</param>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; every problem is listed.</exception>
    public static ValueTask<MeshConfiguration> LoadAsync(string path, ConfigurationLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ParseAsync(ReadFile(path, options?.MaxDocumentBytes ?? ConfigurationLoadOptions.DefaultMaxDocumentBytes), path, options, cancellationToken);
    }

    /// <summary>Reads and validates YAML text.</summary>
    /// <param name="yamlText">The YAML.</param>
    /// <param name="sourceName">A file path or name for messages; null for none.</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <exception cref="ConfigurationException">The YAML is invalid; every problem is listed.</exception>
    public static MeshConfiguration Parse(string yamlText, string? sourceName = null, ConfigurationLoadOptions? options = null) =>
        Wait(ParseAsync(yamlText, sourceName, options));

    /// <summary>Reads and validates YAML text; use this when the secret store resolves asynchronously.</summary>
    /// <param name="yamlText">The YAML.</param>
    /// <param name="sourceName">A file path or name for messages; null for none.</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels secret lookups.</param>
    /// <exception cref="ConfigurationException">The YAML is invalid; every problem is listed.</exception>
    public static ValueTask<MeshConfiguration> ParseAsync(string yamlText, string? sourceName = null, ConfigurationLoadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        var root = YamlTreeReader.Read(yamlText, sourceName, options?.MaxDocumentBytes ?? ConfigurationLoadOptions.DefaultMaxDocumentBytes);
        return FromNodeAsync(root, options, cancellationToken);
    }

    /// <summary>
    /// Reads and validates an <see cref="IConfiguration"/> root or section (appsettings.json, environment variables, …)
    /// in the same shape as the YAML file.
    /// </summary>
    /// <param name="configuration">The root, or the section holding the mesh configuration (for example <c>GetSection("ModelMesh")</c>).</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <exception cref="ConfigurationException">The configuration is invalid; every problem is listed.</exception>
    public static MeshConfiguration FromConfiguration(IConfiguration configuration, ConfigurationLoadOptions? options = null) =>
        Wait(FromConfigurationAsync(configuration, options));

    /// <summary>Reads and validates an <see cref="IConfiguration"/>; use this when the secret store resolves asynchronously.</summary>
    /// <param name="configuration">The root, or the section holding the mesh configuration.</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels secret lookups.</param>
    /// <exception cref="ConfigurationException">The configuration is invalid; every problem is listed.</exception>
    public static ValueTask<MeshConfiguration> FromConfigurationAsync(IConfiguration configuration, ConfigurationLoadOptions? options = null,
        CancellationToken cancellationToken = default) =>
        FromNodeAsync(ConfigNode.FromConfiguration(configuration), options, cancellationToken);

    /// <summary>Validates a tree already read (for example built by <see cref="ConfigNode.FromYaml"/>).</summary>
    /// <param name="root">The root mapping.</param>
    /// <param name="options">Environment, secret store and template; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels secret lookups.</param>
    /// <exception cref="ConfigurationException">The configuration is invalid; every problem is listed.</exception>
    public static ValueTask<MeshConfiguration> FromNodeAsync(ConfigNode root, ConfigurationLoadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        return MeshConfigurationReader.ReadAsync(root, options, cancellationToken);
    }

    internal static string ReadFile(string path, int maxBytes = ConfigurationLoadOptions.DefaultMaxDocumentBytes)
    {
        try
        {
            // Checked before reading, so a huge file is never loaded into memory.
            var length = new FileInfo(path).Length;
            if (length > maxBytes)
            {
                throw new ConfigurationException(YamlTreeReader.TooLargeMessage(length, maxBytes), ConfigLocation.Root(path));
            }
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var what = ex is FileNotFoundException or DirectoryNotFoundException ? "The configuration file does not exist." : $"The configuration file cannot be read: {ex.Message}";
            throw new ConfigurationException(what, ConfigLocation.Root(path), ex);
        }
    }

    // The built-in stores complete synchronously, so this does not block; a truly asynchronous store blocks here,
    // which is why the Async forms exist.
    private static T Wait<T>(ValueTask<T> pending) =>
        pending.IsCompleted ? pending.GetAwaiter().GetResult() : pending.AsTask().GetAwaiter().GetResult();
}
