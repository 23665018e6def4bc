namespace ModelMesh.Cli.Meshes;

/// <summary>The mesh <c>chat</c> and <c>models</c> use when no <c>--config</c> is given.</summary>
internal static class DefaultMesh
{
    // EMBEDDED-DEFAULT: the single call site of the embedded default mesh. It becomes
    //   var result = ModelMesh.Simulation.EmbeddedMesh.Create(new EmbeddedMeshOptions { Environment = host.Environment });
    //   return new OpenedMesh(result.Client, result, result.Banner, result.IsSimulated);
    // once ModelMesh.Simulation is on main; until then a run without --config says what to pass instead.
    public static OpenedMesh Open(CliHost host) =>
        throw new CliUsageException("No --config given, and this build has no embedded default mesh: pass --config FILE (or --base-url URL for chat).");
}
