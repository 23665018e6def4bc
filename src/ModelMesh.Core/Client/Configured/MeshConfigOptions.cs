using ModelMesh.Cdk;

namespace ModelMesh;

/// <summary>How <see cref="Mesh.FromConfig(string, MeshConfigOptions?)"/> loads a configuration and keeps it current.</summary>
public sealed class MeshConfigOptions
{
    /// <summary>Reads <c>${env:NAME}</c> references; default the process environment.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>Resolves <c>${secrets:NAME}</c> references instead of the store the file names.</summary>
    public BaseSecretStore? SecretStore { get; init; }

    /// <summary>A template applied under the file's own settings (a <c>template:</c> key in the file wins).</summary>
    public string? Template { get; init; }

    /// <summary>Middleware run around every request.</summary>
    public IReadOnlyList<MeshMiddleware> Middleware { get; init; } = [];

    /// <summary>The HTTP client providers send with; null to let each create one.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>The clock (tests substitute their own). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Whether a change to the file (or the <c>IConfiguration</c> source) rebuilds the mesh. Requests in flight
    /// finish on the old providers; a bad edit is reported through <see cref="Reloaded"/> and the last good
    /// configuration stays in force. Default true.
    /// </summary>
    public bool ReloadOnChange { get; init; } = true;

    /// <summary>How often the file is polled as well as watched (some file systems raise no events). Default 2 s.</summary>
    public TimeSpan? PollInterval { get; init; }

    /// <summary>Called after each reload attempt with the new configuration or the error that kept the old one.</summary>
    public Action<ConfigurationReloadedEventArgs>? Reloaded { get; init; }

    internal ConfigurationLoadOptions LoadOptions => new()
    {
        Environment = Environment,
        SecretStore = SecretStore,
        TimeProvider = TimeProvider,
        Template = Template,
    };
}
