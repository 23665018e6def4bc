namespace ModelMesh.Cdk;

/// <summary><c>modelmesh.round-robin.v1</c>: cycles through the eligible candidates in pool order.</summary>
public class RoundRobinPolicy(RotationPolicyOptions? options = null) : BaseRotationPolicy(options)
{
    private long _turn = -1;

    /// <inheritdoc/>
    public override string Id => RotationStrategies.RoundRobin;

    /// <inheritdoc/>
    public override SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(request);
        var turn = request.DryRun ? Interlocked.Read(ref _turn) + 1 : Interlocked.Increment(ref _turn);
        var chosen = candidates[(int)(turn % candidates.Count)];
        return new SelectionResult(chosen, Score(chosen, request), $"round-robin turn {turn + 1} of {candidates.Count} candidate(s)");
    }

    internal override int FastSelect(Routing.CandidateBuffer candidates, RoutingRequest request)
    {
        var turn = request.DryRun ? Interlocked.Read(ref _turn) + 1 : Interlocked.Increment(ref _turn);
        return (int)(turn % candidates.Count);
    }
}
