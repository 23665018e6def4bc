namespace ModelMesh.Gateway.Tests.Load;

/// <summary>
/// The load tests run one at a time and after every other test of the assembly: each wants the machine's cores and
/// measures the process's managed memory and thread pool, which a test running beside it would disturb.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "Gateway load";
}
