using ModelMesh.Simulation;

namespace ModelMesh.Core.Tests.Simulation;

/// <summary>The embedded mesh over an empty environment: the simulated provider, at the pace and clock a test wants.</summary>
internal static class SimulatedMesh
{
    public static EmbeddedMeshResult Create(TimeSpan? pace = null, TimeProvider? clock = null) =>
        EmbeddedMesh.Create(new EmbeddedMeshOptions { Environment = _ => null, Pace = pace ?? TimeSpan.Zero, TimeProvider = clock ?? TimeProvider.System });

    public static ChatCompletionRequest Chat(string prompt) => new() { Model = "chat-completion", Messages = [ChatMessage.User(prompt)] };

    /// <summary>A bound on every test's wall time: nothing here should take more than a moment.</summary>
    public static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
