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

    internal override double FastScore(Routing.CandidateBuffer candidates, int index, RoutingRequest request)
    {
        ref readonly var figures = ref candidates.FiguresAt(index);
        return CostScore(figures.Definition, figures.TotalCost, request);
    }

    // The same choice as Select in two passes. The first scores every candidate in doubles from the prices prepared
    // with the pool (no decimal maths); those clearly behind the best cannot win and are dropped. The second scores
    // the rest, the best and any near tie, exactly as Score does (decimal estimate) and picks the earliest highest,
    // so ordering and tie-break are Score's. The margin is far above the rounding of either pass (both within some
    // 1e-15 of the candidates' largest magnitude), so a dropped candidate is strictly below the winner by Score too.
    internal override int FastSelect(Routing.CandidateBuffer candidates, RoutingRequest request)
    {
        var approximate = candidates.Scratch;
        var prompt = (double)request.EstimatedPromptTokens;
        var asked = request.RequestedOutputTokens;
        var bestApproximate = double.NegativeInfinity;
        var largest = 0.0;
        for (var i = 0; i < candidates.Count; i++)
        {
            ref readonly var facts = ref candidates.FactsAt(i);
            ref readonly var figures = ref candidates.FiguresAt(i);
            if (!ReferenceEquals(figures.Definition, facts.Model))
            {
                approximate[i] = double.PositiveInfinity; // prepared prices do not apply: always scored exactly
                continue;
            }
            var output = (double)(asked ?? facts.AssumedOutput);
            var cost = ((prompt * facts.InputPer1K / 1000) + (output * facts.OutputPer1K / 1000) + facts.PerRequest) * 1_000_000;
            var spent = figures.TotalCostAsDouble * 1e-3;
            var score = -cost - spent;
            approximate[i] = score;
            bestApproximate = Math.Max(bestApproximate, score);
            largest = Math.Max(largest, Math.Abs(cost) + Math.Abs(spent));
        }
        var margin = (largest * 1e-9) + 1e-300;
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (approximate[i] < bestApproximate - margin)
            {
                continue;
            }
            var score = FastScore(candidates, i, request);
            if (best < 0 || score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

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
