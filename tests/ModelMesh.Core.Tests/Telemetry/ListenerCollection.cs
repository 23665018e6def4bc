namespace ModelMesh.Core.Tests.Telemetry;

/// <summary>
/// Tests that depend on who listens to the mesh's source process-wide (nobody, or an SDK sampling every trace):
/// run alone, after the parallel tests, so no other test's listener or spans interfere.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ListenerCollection
{
    public const string Name = "Process-wide telemetry listeners";
}
