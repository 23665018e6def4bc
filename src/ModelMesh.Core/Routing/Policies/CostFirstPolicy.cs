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
        return CostScore(candidate.Definition, candidate.TotalCost, request);
    }

    internal override double FastScore(in Routing.HealthFigures figures, RoutingRequest request) => CostScore(figures.Definition, figures.TotalCost, request);

    private static double CostScore(ModelDefinition model, decimal totalCost, RoutingRequest request) =>
        -((double)request.EstimateCost(model) * 1_000_000) - ((double)totalCost * 1e-3);

    /// <inheritdoc/>
    public override SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chosen = base.Select(candidates, request);
        return chosen with { Reason = $"lowest estimated cost (${request.EstimateCost(chosen.Model.Definition):0.######})" };
    }
}
