namespace ModelMesh.Cli.Meshes;

/// <summary>
/// A mesh a command runs on, from a config file or the embedded default, with what the user should be told about
/// it (the embedded default says which providers it found, or that it is simulated). Disposing releases it.
/// </summary>
internal sealed class OpenedMesh(MeshClient client, IDisposable owner, string? banner, bool isSimulated) : IDisposable
{
    /// <summary>The mesh.</summary>
    public MeshClient Client { get; } = client;

    /// <summary>Lines to show before using the mesh, or null when there is nothing to say (a config file's mesh).</summary>
    public string? Banner { get; } = banner;

    /// <summary>Whether the answers come from the built-in simulated provider rather than a real model.</summary>
    public bool IsSimulated { get; } = isSimulated;

    public void Dispose() => owner.Dispose();
}
