namespace ModelMesh.Cdk;

/// <summary>
/// <c>modelmesh.cost-first.v1</c>: the model this request would cost least on, by its pricing and the request's
/// token estimate; on a tie, the one that has cost least so far. Unpriced models count as free.
/// </summary>
public class CostFirstPolicy(RotationPolicyOptions? options = null) : BaseRotationPolicy(options)
{
    /// <inheritdoc/>
    public override string Id => RotationStrategies.CostFirst;

    /// <summary>Minus the estimated cost in micro-dollars, minus a small share of the accumulated cost as tie-breaker.</summary>
    public override double Score(ModelState candidate, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(request);
        var estimate = (double)request.EstimateCost(candidate.Definition);
        return -(estimate * 1_000_000) - ((double)candidate.TotalCost * 1e-3);
    }

    /// <inheritdoc/>
    public override SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chosen = base.Select(candidates, request);
        return chosen with { Reason = $"lowest estimated cost (${request.EstimateCost(chosen.Model.Definition):0.######})" };
    }
}
