using ModelMesh.Cdk;

namespace ModelMesh.Routing;

/// <summary>
/// How much output a request may produce under a budget. Without a budget the request goes as the caller wrote
/// it. With one, a request that sets no output limit is given one — the model's maximum output, or fewer tokens
/// when that is all the money left can pay for — so an upstream that honours <c>max_tokens</c> cannot spend past
/// the limit however long its answer would have been. The reservation covers exactly that bound.
/// </summary>
internal static class OutputBound
{
    /// <summary>The output assumed for a model whose maximum is unknown, when a budget needs a bound.</summary>
    public const int UnknownModelCeiling = 4096;

    /// <summary>A request's cost estimate on a model, and the output limit to send (null: leave the request as it is).</summary>
    public readonly record struct Plan(decimal Estimate, int? OutputCap);

    /// <summary>Plans a request on <paramref name="model"/> given the money still allowed (null when no limit applies).</summary>
    public static Plan For(RoutingRequest request, ModelDefinition model, decimal? headroom)
    {
        var pricing = model.Pricing;
        if (pricing is null)
        {
            return new Plan(0m, null);
        }
        if (headroom is not decimal left || request.RequestedOutputTokens is not null || request.Operation != MeshOperation.Chat || pricing.OutputPer1K <= 0m)
        {
            return new Plan(request.EstimateCost(model), null);
        }
        var ceiling = model.MaxOutputTokens ?? UnknownModelCeiling;
        var fixedCost = pricing.Cost(request.EstimatedPromptTokens, 0);
        var affordable = left <= fixedCost ? 0m : Math.Floor((left - fixedCost) * 1000m / pricing.OutputPer1K);
        var cap = affordable >= ceiling ? ceiling : (int)affordable;
        if (cap < 1)
        {
            // Not even one token fits: estimate one so the ledger names the limit that refuses it.
            return new Plan(pricing.Cost(request.EstimatedPromptTokens, 1), 1);
        }
        // At the model's own maximum the bound changes nothing; below it (or when the maximum is unknown) it is sent.
        var send = cap < ceiling || model.MaxOutputTokens is null ? cap : (int?)null;
        return new Plan(pricing.Cost(request.EstimatedPromptTokens, cap), send);
    }

    /// <summary>The estimate the budget checks for a request on a model right now.</summary>
    public static decimal Estimate(RoutingRequest request, ModelDefinition model, BudgetLedger budget) =>
        For(request, model, budget.Headroom(model.ProviderId)).Estimate;
}
