namespace ModelMesh;

/// <summary>
/// The outcome of reloading a configuration: the new configuration, or why it was rejected and the last good one
/// stays in force.
/// </summary>
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
        Exception = error;
    }

    /// <summary>
    /// Creates the arguments for a reload that failed: a <see cref="ConfigurationException"/> for a wrong
    /// configuration, or whatever a part of the set-up threw while it was built (a connector's factory, a secret store).
    /// </summary>
    public ConfigurationReloadedEventArgs(Exception error)
    {
        Exception = error ?? throw new ArgumentNullException(nameof(error));
        Error = error as ConfigurationException;
    }

    /// <summary>The new configuration; null when the reload failed.</summary>
    public MeshConfiguration? Configuration { get; }

    /// <summary>
    /// Why the configuration was rejected (every problem, with file, line and key path); null on success, and null
    /// when the reload failed for another reason (see <see cref="Exception"/>).
    /// </summary>
    public ConfigurationException? Error { get; }

    /// <summary>
    /// Why the reload failed, whatever the kind: the <see cref="ConfigurationException"/> of a wrong configuration
    /// (the same as <see cref="Error"/>), or the exception a part of the new set-up threw while it was built
    /// (a connector's factory, a secret store, a rotation policy). Null on success.
    /// </summary>
    public Exception? Exception { get; }

    /// <summary>Whether the reload took effect. When not, the last good configuration stays in force.</summary>
    public bool Succeeded => Exception is null;
}
