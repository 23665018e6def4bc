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
    /// Synchronous, and it never blocks on a secret lookup: with the built-in secret stores, which complete
    /// synchronously, it is the same as <see cref="FromConfigAsync"/>; with a <see cref="MeshConfigOptions.SecretStore"/>
    /// that completes a lookup asynchronously it throws <see cref="InvalidOperationException"/> and
    /// <see cref="FromConfigAsync"/> is the one to use. Reloads are asynchronous either way.
    /// The schema — every section and key, its type, default and allowed range — is documented in
    /// <c>docs/configuration.md</c> of the repository, with a complete commented example in
    /// <c>docs/examples/modelmesh.yaml</c>.
    /// </remarks>
    /// <param name="path">The YAML file.</param>
    /// <param name="options">Environment, secret store, template, middleware and reload settings; null for defaults.</param>
    /// <exception cref="ConfigurationException">The file is missing or wrong; every problem is listed with file, line and key path.</exception>
    /// <exception cref="InvalidOperationException">The secret store completed a lookup asynchronously.</exception>
    public static MeshClient FromConfig(string path, MeshConfigOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new MeshConfigOptions();
        var content = ConfigurationFile.Read(path, MeshConfiguration.MaxBytes(options.LoadOptions));
        var text = ConfigurationFile.Decode(content, path);
        var configuration = SynchronousCompletion.Run(ct => MeshConfiguration.ParseAsync(text, path, options.LoadOptions, ct),
            "Mesh.FromConfig", "Mesh.FromConfigAsync", options.SecretStore);
        return Watch(ConfiguredMesh.Create(configuration, options), path, content, options);
    }

    /// <summary>
    /// Creates a mesh from a YAML file in ModelMesh's schema, awaiting the file and every secret lookup (use this with
    /// a secret store backed by a network service). With <see cref="MeshConfigOptions.ReloadOnChange"/> (the
    /// default) an edit of the file rebuilds the mesh without dropping requests in flight.
    /// </summary>
    /// <param name="path">The YAML file.</param>
    /// <param name="options">Environment, secret store, template, middleware and reload settings; null for defaults.</param>
    /// <param name="cancellationToken">Cancels reading the file and the secret lookups; nothing is built then.</param>
    /// <exception cref="ConfigurationException">The file is missing or wrong; every problem is listed with file, line and key path.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<MeshClient> FromConfigAsync(string path, MeshConfigOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new MeshConfigOptions();
        var content = await ConfigurationFile.ReadAsync(path, MeshConfiguration.MaxBytes(options.LoadOptions), cancellationToken).ConfigureAwait(false);
        var configuration = await MeshConfiguration.ParseAsync(ConfigurationFile.Decode(content, path), path, options.LoadOptions, cancellationToken).ConfigureAwait(false);
        return Watch(ConfiguredMesh.Create(configuration, options), path, content, options);
    }

    /// <summary>Creates a mesh from a configuration already loaded (and validated).</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="options">Middleware, HTTP client and clock; null for defaults. Reload settings do not apply.</param>
    /// <exception cref="ConfigurationException">A connector or strategy is unknown, a provider setting is wrong, or a pool has no model.</exception>
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
    /// Synchronous, and it never blocks on a secret lookup: a <see cref="MeshConfigOptions.SecretStore"/> that completes
    /// a lookup asynchronously makes it throw <see cref="InvalidOperationException"/>; use
    /// <see cref="FromConfigurationAsync"/> then. Reloads are asynchronous either way.
    /// The schema is documented in <c>docs/configuration.md</c> of the repository. Here the snake_case schema keys
    /// may also be written in PascalCase or camelCase (<c>CooldownSeconds</c>); ids keep their spelling.
    /// </remarks>
    /// <param name="configuration">The section holding <c>providers</c>, <c>models</c>, <c>pools</c>, ….</param>
    /// <param name="options">Environment, secret store, template, middleware and reload settings; null for defaults.</param>
    /// <exception cref="ConfigurationException">The configuration is wrong; every problem is listed with its key path.</exception>
    /// <exception cref="InvalidOperationException">The secret store completed a lookup asynchronously.</exception>
    public static MeshClient FromConfiguration(IConfiguration configuration, MeshConfigOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options ??= new MeshConfigOptions();
        var loadOptions = options.LoadOptions;
        var loaded = SynchronousCompletion.Run(ct => MeshConfiguration.FromConfigurationAsync(configuration, loadOptions, ct),
            "Mesh.FromConfiguration", "Mesh.FromConfigurationAsync", options.SecretStore);
        return Watch(ConfiguredMesh.Create(loaded, options), configuration, options);
    }

    /// <summary>
    /// Creates a mesh from an <see cref="IConfiguration"/> section in the same shape as the YAML file, awaiting every
    /// secret lookup. With <see cref="MeshConfigOptions.ReloadOnChange"/> a reload of the configuration source rebuilds the mesh.
    /// </summary>
    /// <param name="configuration">The section holding <c>providers</c>, <c>models</c>, <c>pools</c>, ….</param>
    /// <param name="options">Environment, secret store, template, middleware and reload settings; null for defaults.</param>
    /// <param name="cancellationToken">Cancels the secret lookups; nothing is built then.</param>
    /// <exception cref="ConfigurationException">The configuration is wrong; every problem is listed with its key path.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<MeshClient> FromConfigurationAsync(IConfiguration configuration, MeshConfigOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options ??= new MeshConfigOptions();
        var loaded = await MeshConfiguration.FromConfigurationAsync(configuration, options.LoadOptions, cancellationToken).ConfigureAwait(false);
        return Watch(ConfiguredMesh.Create(loaded, options), configuration, options);
    }

    /// <summary>Keeps a file-built mesh current, starting from the content it was built from.</summary>
    private static MeshClient Watch(MeshClient client, string path, byte[] loadedContent, MeshConfigOptions options)
    {
        if (options.ReloadOnChange)
        {
            var watcher = new ConfigurationFileWatcher(path, options.LoadOptions, options.PollInterval);
            watcher.Reloaded += (_, change) => Apply(client, change, options);
            watcher.StartFrom(ConfigurationFile.Hash(loadedContent));
            client.OnDispose = watcher.Dispose;
        }
        return client;
    }

    /// <summary>Keeps an <see cref="IConfiguration"/>-built mesh current: each reload token change queues an asynchronous reload.</summary>
    private static MeshClient Watch(MeshClient client, IConfiguration configuration, MeshConfigOptions options)
    {
        if (options.ReloadOnChange)
        {
            var loadOptions = options.LoadOptions;
            var reloads = new ReloadQueue(async cancellationToken =>
            {
                ConfigurationReloadedEventArgs change;
                try
                {
                    change = new ConfigurationReloadedEventArgs(
                        await MeshConfiguration.FromConfigurationAsync(configuration, loadOptions, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    change = new ConfigurationReloadedEventArgs(error);
                }
                cancellationToken.ThrowIfCancellationRequested(); // disposed meanwhile: nothing to apply or report
                Apply(client, change, options);
            });
            // The callback only queues: the thread raising the change (often the caller of Reload) is never held.
            var subscription = ChangeToken.OnChange(configuration.GetReloadToken, reloads.Enqueue);
            client.OnDispose = () =>
            {
                subscription.Dispose();
                reloads.Dispose();
            };
        }
        return client;
    }

    /// <summary>
    /// Swaps in a reloaded configuration, or keeps the current set-up whole and reports why not: any failure while the
    /// new set-up is built (a wrong setting, a connector's factory throwing, …) leaves the running mesh and budget as they were.
    /// </summary>
    private static void Apply(MeshClient client, ConfigurationReloadedEventArgs change, MeshConfigOptions options)
    {
        if (change.Configuration is { } configuration)
        {
            try
            {
                ConfiguredMesh.Reload(client, configuration, options);
            }
            catch (ObjectDisposedException) when (client.IsDisposed)
            {
                return; // the client was disposed while the change was read
            }
#pragma warning disable CA1031 // every failure is reported to the application through Reloaded; the old set-up stays
            catch (Exception error)
#pragma warning restore CA1031
            {
                change = new ConfigurationReloadedEventArgs(error);
            }
        }
        var logger = client.Services.Logger;
        if (change.Succeeded)
        {
            ModelMesh.Routing.MeshLog.ReloadApplied(logger, change.Configuration?.Location.Source ?? change.Error?.FilePath ?? "configuration");
        }
        else
        {
            // A configuration error's message names file, line and key, never a substituted secret's value.
            var problem = change.Error?.Message ?? change.Exception?.GetType().Name ?? "unknown";
            ModelMesh.Routing.MeshLog.ReloadRejected(logger, change.Configuration?.Location.Source ?? change.Error?.FilePath ?? "configuration", problem);
        }
        options.Reloaded?.Invoke(change);
    }
}
