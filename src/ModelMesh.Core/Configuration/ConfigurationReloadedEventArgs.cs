namespace ModelMesh;

/// <summary>The outcome of reloading a watched configuration file: the new configuration, or why it was rejected.</summary>
public sealed class ConfigurationReloadedEventArgs : EventArgs
{
    /// <summary>Creates the arguments for a successful reload.</summary>
    public ConfigurationReloadedEventArgs(MeshConfiguration configuration)
    {
        Configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
    }

    /// <summary>Creates the arguments for a rejected edit.</summary>
    public ConfigurationReloadedEventArgs(ConfigurationException error)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    /// <summary>The new configuration; null when the edit was rejected.</summary>
    public MeshConfiguration? Configuration { get; }

    /// <summary>Why the edit was rejected (every problem, with file, line and key path); null on success.</summary>
    public ConfigurationException? Error { get; }

    /// <summary>Whether the file loaded. When not, the consumer should keep the last good configuration.</summary>
    public bool Succeeded => Error is null;
}
