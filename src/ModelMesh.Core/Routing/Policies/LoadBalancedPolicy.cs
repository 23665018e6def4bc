namespace ModelMesh.Cdk;

/// <summary>
/// <c>modelmesh.load-balanced.v1</c>: spreads requests by weight (<c>model_weights</c>, default 1): it picks the
/// candidate furthest below its expected share of the requests the candidates have served.
/// </summary>
public class LoadBalancedPolicy(RotationPolicyOptions? options = null) : BaseRotationPolicy(options)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _served = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string Id => RotationStrategies.LoadBalanced;

    /// <inheritdoc/>
    public override SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var totalWeight = 0.0;
            var totalServed = 0L;
            for (var i = 0; i < candidates.Count; i++)
            {
                totalWeight += Weight(candidates[i]);
                totalServed += _served.GetValueOrDefault(candidates[i].ModelId);
            }
            ModelState best = candidates[0];
            var bestDeficit = double.NegativeInfinity;
            for (var i = 0; i < candidates.Count; i++)
            {
                var candidate = candidates[i];
                var expected = Weight(candidate) / totalWeight;
                // Count this request as if it went to the candidate, so ties resolve by weight.
                var actual = (double)(_served.GetValueOrDefault(candidate.ModelId) + 1) / (totalServed + 1);
                var deficit = expected - actual;
                if (deficit > bestDeficit)
                {
                    best = candidate;
                    bestDeficit = deficit;
                }
            }
            if (!request.DryRun)
            {
                _served[best.ModelId] = _served.GetValueOrDefault(best.ModelId) + 1;
            }
            return new SelectionResult(best, bestDeficit, $"furthest below its weighted share (weight {Format(Weight(best))} of {Format(totalWeight)})");
        }
    }

    // The same choice as Select, on the router's candidate buffer (the served counts looked up once per candidate).
    internal override int FastSelect(Routing.CandidateBuffer candidates, RoutingRequest request)
    {
        lock (_gate)
        {
            var served = candidates.Scratch;
            var totalWeight = 0.0;
            var totalServed = 0L;
            for (var i = 0; i < candidates.Count; i++)
            {
                var id = candidates.FiguresAt(i).ModelId;
                var count = _served.GetValueOrDefault(id);
                served[i] = count;
                totalWeight += WeightOf(id);
                totalServed += count;
            }
            var best = 0;
            var bestDeficit = double.NegativeInfinity;
            for (var i = 0; i < candidates.Count; i++)
            {
                var expected = WeightOf(candidates.FiguresAt(i).ModelId) / totalWeight;
                var actual = (served[i] + 1) / (totalServed + 1);
                var deficit = expected - actual;
                if (deficit > bestDeficit)
                {
                    best = i;
                    bestDeficit = deficit;
                }
            }
            if (!request.DryRun)
            {
                var id = candidates.FiguresAt(best).ModelId;
                _served[id] = _served.GetValueOrDefault(id) + 1;
            }
            return best;
        }
    }

    private double WeightOf(string modelId) => Options.ModelWeights.TryGetValue(modelId, out var weight) && weight > 0 ? weight : 1.0;

    /// <summary>The model's weight; 1 when not configured.</summary>
    protected double Weight(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return WeightOf(state.ModelId);
    }
}
