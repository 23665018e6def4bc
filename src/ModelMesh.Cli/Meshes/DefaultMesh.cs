using ModelMesh.Simulation;

namespace ModelMesh.Cli.Meshes;

/// <summary>
/// The mesh <c>chat</c> and <c>models</c> use when no <c>--config</c> is given: the embedded default, the providers
/// found in the environment, else the built-in simulated provider (which its banner says plainly).
/// </summary>
internal static class DefaultMesh
{
    /// <exception cref="ConfigurationException">A variable found is unusable, or the providers found have no default chat model.</exception>
    public static OpenedMesh Open(CliHost host)
    {
        var result = EmbeddedMesh.Create(new EmbeddedMeshOptions { Environment = host.Environment });
        return new OpenedMesh(result.Client, result, result.Banner, result.IsSimulated);
    }
}
