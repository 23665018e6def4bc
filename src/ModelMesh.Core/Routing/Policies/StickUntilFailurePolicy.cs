namespace ModelMesh.Cdk;

/// <summary>
/// <c>modelmesh.stick-until-failure.v1</c> (the default): keeps sending requests to the model that served the last
/// one until it fails or leaves the candidates, then picks the next by the default scorer and sticks to that.
/// Unlike priority-selection it does not move back when a preferred model recovers.
/// </summary>
public class StickUntilFailurePolicy(RotationPolicyOptions? options = null) : BaseRotationPolicy(options)
{
    private const string StickingReason = "sticking to the current model until it fails";

    private volatile string? _current;

    /// <inheritdoc/>
    public override string Id => RotationStrategies.StickUntilFailure;

    /// <inheritdoc/>
    public override SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(request);
        var current = _current;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (string.Equals(candidate.ModelId, current, StringComparison.Ordinal))
            {
                return new SelectionResult(candidate, Score(candidate, request), StickingReason);
            }
        }
        var chosen = base.Select(candidates, request);
        if (!request.DryRun)
        {
            _current = chosen.Model.ModelId;
        }
        return chosen;
    }

    internal override int FastSelect(Routing.CandidateBuffer candidates, RoutingRequest request)
    {
        var current = _current;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (string.Equals(candidates.FiguresAt(i).ModelId, current, StringComparison.Ordinal))
            {
                return i;
            }
        }
        var chosen = BestIndex(candidates, request);
        if (!request.DryRun)
        {
            _current = candidates.FiguresAt(chosen).ModelId;
        }
        return chosen;
    }

    /// <inheritdoc/>
    public override void OnCompleted(ModelState state, bool succeeded)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!succeeded && string.Equals(_current, state.ModelId, StringComparison.Ordinal))
        {
            _current = null;
        }
    }
}
