using ModelMesh.Routing;

namespace ModelMesh.Cdk;

/// <summary>
/// <c>modelmesh.session-stickiness.v1</c>: every request of one session goes to the same model. The model is
/// chosen by rendezvous hashing of the session id with each candidate's id (a stable 64-bit hash of each, the same
/// in every process), so when a model leaves the pool only its own sessions move. Requests without a session id
/// fall back to the default scorer.
/// </summary>
public class SessionStickinessPolicy(RotationPolicyOptions? options = null) : BaseRotationPolicy(options)
{
    /// <inheritdoc/>
    public override string Id => RotationStrategies.SessionStickiness;

    /// <inheritdoc/>
    public override SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.SessionId))
        {
            return base.Select(candidates, request);
        }
        var session = StableHash.Of(request.SessionId);
        ModelState best = candidates[0];
        var bestWeight = StableHash.Combine(session, StableHash.Of(best.ModelId));
        for (var i = 1; i < candidates.Count; i++)
        {
            var weight = StableHash.Combine(session, StableHash.Of(candidates[i].ModelId));
            if (weight > bestWeight)
            {
                best = candidates[i];
                bestWeight = weight;
            }
        }
        return new SelectionResult(best, Score(best, request), $"session '{request.SessionId}' is pinned to this model");
    }

    // The same choice as Select: the session hashed once per request, each model's hash prepared with the pool.
    internal override int FastSelect(CandidateBuffer candidates, RoutingRequest request)
    {
        if (string.IsNullOrEmpty(request.SessionId))
        {
            return BestIndex(candidates, request);
        }
        var session = StableHash.Of(request.SessionId);
        var best = 0;
        var bestWeight = StableHash.Combine(session, candidates.HashAt(0));
        for (var i = 1; i < candidates.Count; i++)
        {
            var weight = StableHash.Combine(session, candidates.HashAt(i));
            if (weight > bestWeight)
            {
                best = i;
                bestWeight = weight;
            }
        }
        return best;
    }
}
