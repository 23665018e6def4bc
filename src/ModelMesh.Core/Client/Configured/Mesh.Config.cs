using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using ModelMesh.Configuration;

namespace ModelMesh;

public static partial class Mesh
{
    /// <summary>
    /// Creates a mesh from a YAML file in ModelMesh's schema: every provider named by connector id is built,
    /// with its models and pools. With <see cref="MeshConfigOptions.ReloadOnChange"/> (the default) an edit of
    /// the file rebuilds the mesh without dropping requests in flight.
    /// </summary>
    /// <remarks>
    /// The schema — every section and key, its type, default and allowed range — is documented in
    /// <c>docs/configuration.md</c> of the repository, with a complete commented example in
    /// <c>docs/examples/modelmesh.yaml</c>.
    /// </remarks>
    /// <param name="path">The YAML file.</param>
    /// <param name="options">Environment, secret store, template, middleware and reload settings; null for defaults.</param>
    /// <exception cref="ConfigurationException">The file is missing or wrong; every problem is listed with file, line and key path.</exception>
    public static MeshClient FromConfig(string path, MeshConfigOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new MeshConfigOptions();
        var client = ConfiguredMesh.Create(MeshConfiguration.Load(path, options.LoadOptions), options);
        if (options.ReloadOnChange)
        {
            var watcher = new ConfigurationFileWatcher(path, options.LoadOptions, options.PollInterval);
            watcher.Reloaded += (_, change) => Apply(client, change, options);
            watcher.Start();
            client.OnDispose = watcher.Dispose;
        }
        return client;
    }

    /// <summary>Creates a mesh from a configuration already loaded (and validated).</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="options">Middleware, HTTP client and clock; null for defaults. Reload settings do not apply.</param>
    /// <exception cref="ConfigurationException">A connector or strategy is unknown, or a provider setting is wrong.</exception>
    public static MeshClient FromConfiguration(MeshConfiguration configuration, MeshConfigOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return ConfiguredMesh.Create(configuration, options ?? new MeshConfigOptions());
    }

    /// <summary>
    /// Creates a mesh from an <see cref="IConfiguration"/> section in the same shape as the YAML file (for example
    /// the <c>ModelMesh</c> section of appsettings.json). With <see cref="MeshConfigOptions.ReloadOnChange"/> a
    /// reload of the configuration source rebuilds the mesh.
    /// </summary>
    /// <remarks>
    /// The schema is documented in <c>docs/configuration.md</c> of the repository. Here the snake_case schema keys
    /// may also be written in PascalCase or camelCase (<c>CooldownSeconds</c>); ids keep their spelling.
    /// </remarks>
    /// <param name="configuration">The section holding <c>providers</c>, <c>models</c>, <c>pools</c>, ….</param>
    /// <param name="options">Environment, secret store, template, middleware and reload settings; null for defaults.</param>
    /// <exception cref="ConfigurationException">The configuration is wrong; every problem is listed with its key path.</exception>
    public static MeshClient FromConfiguration(IConfiguration configuration, MeshConfigOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options ??= new MeshConfigOptions();
        var client = ConfiguredMesh.Create(MeshConfiguration.FromConfiguration(configuration, options.LoadOptions), options);
        if (options.ReloadOnChange)
        {
            var subscription = ChangeToken.OnChange(configuration.GetReloadToken, () =>
            {
                ConfigurationReloadedEventArgs change;
                try
                {
                    change = new ConfigurationReloadedEventArgs(MeshConfiguration.FromConfiguration(configuration, options.LoadOptions));
                }
                catch (ConfigurationException error)
                {
                    change = new ConfigurationReloadedEventArgs(error);
                }
                Apply(client, change, options);
            });
            client.OnDispose = subscription.Dispose;
        }
        return client;
    }

    /// <summary>Swaps in a reloaded configuration, or keeps the current one and reports why not.</summary>
    private static void Apply(MeshClient client, ConfigurationReloadedEventArgs change, MeshConfigOptions options)
    {
        if (change.Configuration is { } configuration)
        {
            try
            {
                ConfiguredMesh.Reload(client, configuration, options);
            }
            catch (ConfigurationException error)
            {
                change = new ConfigurationReloadedEventArgs(error);
            }
            catch (ObjectDisposedException)
            {
                return; // the client was disposed while the change was read
            }
        }
        options.Reloaded?.Invoke(change);
    }
}
