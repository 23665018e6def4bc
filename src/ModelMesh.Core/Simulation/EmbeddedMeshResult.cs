namespace ModelMesh.Simulation;

/// <summary>The mesh <see cref="EmbeddedMesh.Create"/> built, and what to tell the user about it. Disposing it disposes the client.</summary>
public sealed class EmbeddedMeshResult : IDisposable
{
    internal EmbeddedMeshResult(MeshClient client, bool isSimulated, IReadOnlyList<string> providers, IReadOnlyList<string> pools, string banner)
    {
        Client = client;
        IsSimulated = isSimulated;
        Providers = providers;
        Pools = pools;
        Banner = banner;
    }

    /// <summary>The mesh client, owned by this result.</summary>
    public MeshClient Client { get; }

    /// <summary>Whether the mesh serves the built-in simulated provider because no provider was found in the environment.</summary>
    public bool IsSimulated { get; }

    /// <summary>The provider ids, in detection order (<c>simulated</c> alone when <see cref="IsSimulated"/>).</summary>
    public IReadOnlyList<string> Providers { get; }

    /// <summary>The pool ids: the capability short names some model serves, among <see cref="EmbeddedMesh.PoolCapabilities"/>.</summary>
    public IReadOnlyList<string> Pools { get; }

    /// <summary>
    /// Lines for a start-up banner: each provider with the variables that turned it on (names only, never values)
    /// and the pools, or a clear statement that the simulated provider is being served and how to reach a real one.
    /// </summary>
    public string Banner { get; }

    /// <summary>Disposes <see cref="Client"/> and the providers it owns.</summary>
    public void Dispose() => Client.Dispose();
}
