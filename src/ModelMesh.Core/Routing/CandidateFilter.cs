using ModelMesh.Cdk;

namespace ModelMesh.Routing;

/// <summary>
/// Decides, before scoring, whether a pool member can take a request: active, serving the operation, fitting
/// the context window and output limit, supporting the features used, not yet failed for this request, and
/// within budget. Returns a reason code (put in words only for errors and <c>Explain</c>) when it cannot.
/// </summary>
internal static class CandidateFilter
{
    public static Exclusion? Exclude(ModelState state, RoutingRequest request, AttemptLog? log, BudgetLedger? budget) =>
        state.Status == ModelStatus.Standby
            ? new Exclusion(ExclusionReason.Standby) { Deactivation = state.DeactivationReason, Until = state.CooldownUntil }
            : Exclude(state.Definition, request, log, budget);

    /// <summary>
    /// Whether an active model can take the request. <paramref name="log"/> null: nothing tried yet;
    /// <paramref name="budget"/> null: no limit to check (the ledger has none); <paramref name="standing"/>: the ledger
    /// as of the start of the decision, checked instead of the ledger itself (one lock per decision, not per candidate).
    /// </summary>
    public static Exclusion? Exclude(ModelDefinition model, RoutingRequest request, AttemptLog? log, BudgetLedger? budget, BudgetLedger.Standing? standing = null)
    {
        if (log is not null && log.Tried(model.Id))
        {
            return new Exclusion(ExclusionReason.AlreadyTried);
        }
        if (!OperationCapabilities.Serves(model, request.Operation))
        {
            return new Exclusion(ExclusionReason.WrongOperation) { Operation = OperationCapabilities.Describe(request.Operation) };
        }
        if (model.Features is ModelFeatures features && (request.RequiredFeatures & ~features) is var missing && missing != ModelFeatures.None)
        {
            return new Exclusion(ExclusionReason.MissingFeature) { Missing = missing };
        }
        if (request.RequestedOutputTokens is int output && model.MaxOutputTokens is int maxOutput && output > maxOutput)
        {
            return new Exclusion(ExclusionReason.OutputTooLarge) { Requested = output, Limit = maxOutput };
        }
        if (model.ContextWindow is int window && (long)request.EstimatedPromptTokens + (request.RequestedOutputTokens ?? 0) > window)
        {
            return new Exclusion(ExclusionReason.ContextWindowTooSmall) { Prompt = request.EstimatedPromptTokens, Requested = request.RequestedOutputTokens ?? 0, Limit = window };
        }
        if (log?.ContextWindowAbove is int failedWindow && (model.ContextWindow ?? int.MaxValue) <= failedWindow)
        {
            return new Exclusion(ExclusionReason.ContextWindowNotLarger) { Requested = model.ContextWindow ?? 0, Limit = failedWindow };
        }
        if ((standing is { } at ? at.Check(request, model) : budget?.Check(request, model)) is { } refusal)
        {
            return new Exclusion(ExclusionReason.Budget) { Refusal = refusal };
        }
        return null;
    }
}
