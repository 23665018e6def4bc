namespace ModelMesh.Cdk;

/// <summary>
/// <c>modelmesh.rate-limit-aware.v1</c>: prefers the model with the most headroom left under its daily request
/// and token limits (<c>model_request_limits</c>, <c>model_token_limits</c> or the model's own), and deactivates a
/// model with <see cref="DeactivationReason.QuotaExhausted"/> when it reaches one; it comes back the next UTC day.
/// </summary>
public class RateLimitAwarePolicy(RotationPolicyOptions? options = null) : BaseRotationPolicy(options)
{
    /// <inheritdoc/>
    public override string Id => RotationStrategies.RateLimitAware;

    /// <summary>Remaining headroom (0 to 1) times 100, plus <c>1 - error rate</c>.</summary>
    public override double Score(ModelState candidate, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return (Headroom(candidate) * 100) + (1 - candidate.ErrorRate);
    }

    internal override double FastScore(Routing.CandidateBuffer candidates, int index, RoutingRequest request)
    {
        ref readonly var figures = ref candidates.FiguresAt(index);
        ref readonly var facts = ref candidates.FactsAt(index);
        // The limits prepared with the pool, unless the member's definition changed since.
        var headroom = ReferenceEquals(figures.Definition, facts.Model) ? Headroom(in figures, facts.RequestLimit, facts.TokenLimit) : Headroom(in figures);
        return (headroom * 100) + (1 - figures.ErrorRate);
    }

    internal override DeactivationReason? FastReason(in Routing.HealthFigures figures) =>
        BaseReason(in figures) ?? (Headroom(in figures) <= 0 ? DeactivationReason.QuotaExhausted : null);

    /// <inheritdoc/>
    public override DeactivationReason? GetReason(ModelState state) =>
        base.GetReason(state) ?? (Headroom(state) <= 0 ? DeactivationReason.QuotaExhausted : null);

    /// <inheritdoc/>
    public override bool ShouldRecover(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.DeactivationReason == DeactivationReason.QuotaExhausted && state.CooldownUntil is null
            ? Headroom(state) > 0
            : base.ShouldRecover(state);
    }

    /// <inheritdoc/>
    public override SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request)
    {
        var chosen = base.Select(candidates, request);
        return chosen with { Reason = $"most rate-limit headroom ({Format(Headroom(chosen.Model) * 100)}% left)" };
    }

    /// <summary>The smallest share left under any of the model's daily limits; 1 when it has none.</summary>
    protected double Headroom(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Headroom(Routing.HealthFigures.Of(state));
    }

    private double Headroom(in Routing.HealthFigures state) =>
        Headroom(in state, Options.RequestLimitOf(state.Definition), Options.TokenLimitOf(state.Definition));

    private static double Headroom(in Routing.HealthFigures state, long? requestLimit, long? tokenLimit)
    {
        var headroom = 1.0;
        if (requestLimit is long requests)
        {
            headroom = Math.Min(headroom, requests <= 0 ? 0 : 1.0 - ((double)state.RequestsToday / requests));
        }
        if (tokenLimit is long tokens)
        {
            headroom = Math.Min(headroom, tokens <= 0 ? 0 : 1.0 - ((double)state.TokensToday / tokens));
        }
        return Math.Max(0, headroom);
    }
}
