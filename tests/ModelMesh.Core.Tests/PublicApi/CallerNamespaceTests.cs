// Deliberately no using directive: this file sees namespace ModelMesh (it is nested in it) and nothing from
// ModelMesh.Cdk, as a caller with only `using ModelMesh;` does. It stops compiling if a name it uses moves back.
namespace ModelMesh.Core.Tests.PublicApi;

public sealed class CallerNamespaceTests
{
    [Fact]
    public void Mesh_options_and_a_pool_are_written_with_namespace_ModelMesh_alone()
    {
        var options = new MeshOptions
        {
            Strategy = RotationStrategies.CostFirst,
            Rotation = new RotationPolicyOptions { FailureThreshold = 2, Cooldown = TimeSpan.FromSeconds(5) },
            Retry = new RetryOptions { MaxAttempts = 2 },
            Timeouts = new StreamTimeouts { Idle = TimeSpan.FromSeconds(30) },
            Budget = new BudgetOptions { DailyLimit = 1m },
        };
        var pool = new PoolDefinition { Id = "chat", Capability = "chat-completion", Strategy = RotationStrategies.RoundRobin, Rotation = options.Rotation };

        using var mesh = new MeshBuilder().AddPool(pool).Build();

        Assert.Equal("modelmesh.round-robin.v1", mesh.PoolStatus("chat").Strategy);
        Assert.Equal(2, pool.Rotation.FailureThreshold);
    }
}
