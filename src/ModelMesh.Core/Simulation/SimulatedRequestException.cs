namespace ModelMesh.Simulation;

/// <summary>A request the simulated upstream rejects with a 400: the message says what was wrong, <see cref="Param"/> names the field.</summary>
internal sealed class SimulatedRequestException(string message, string? param = null) : Exception(message)
{
    /// <summary>The request field at fault, reported as the OpenAI error's <c>param</c>.</summary>
    public string? Param { get; } = param;
}
