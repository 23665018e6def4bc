namespace ModelMesh.Cdk;

/// <summary>
/// <c>modelmesh.latency-first.v1</c>: the model with the lowest average latency over the recent window; a model
/// with no measurement yet is tried first so it gets one. Deactivates a model whose average exceeds the maximum.
/// </summary>
public class LatencyFirstPolicy(RotationPolicyOptions? options = null) : BaseRotationPolicy(options)
{
    /// <inheritdoc/>
    public override string Id => RotationStrategies.LatencyFirst;

    /// <inheritdoc/>
    public override double Score(ModelState candidate, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return -(candidate.LatencyAverageMs ?? 0);
    }

    internal override bool ReadsLatency => true;

    internal override double FastScore(Routing.CandidateBuffer candidates, int index, RoutingRequest request) => -(candidates.FiguresAt(index).LatencyAverageMs ?? 0);

    internal override DeactivationReason? FastReason(in Routing.HealthFigures figures) =>
        BaseReason(in figures) ?? (figures.LatencyAverageMs > Options.MaxLatency.TotalMilliseconds ? DeactivationReason.LatencyThreshold : null);

    /// <inheritdoc/>
    public override DeactivationReason? GetReason(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return base.GetReason(state)
            ?? (state.LatencyAverageMs > Options.MaxLatency.TotalMilliseconds ? DeactivationReason.LatencyThreshold : null);
    }

    /// <inheritdoc/>
    public override SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request)
    {
        var chosen = base.Select(candidates, request);
        var latency = chosen.Model.LatencyAverageMs;
        return chosen with { Reason = latency is null ? "not measured yet" : $"lowest average latency ({Format(latency.Value)} ms)" };
    }
}
