namespace ModelMesh;

/// <summary>Tokens and cost the mesh has recorded, by model and provider, with the budget status.</summary>
public sealed record MeshUsage
{
    /// <summary>Totals over every model.</summary>
    public required UsageTotals Total { get; init; }

    /// <summary>Totals per model id.</summary>
    public required IReadOnlyDictionary<string, UsageTotals> ByModel { get; init; }

    /// <summary>Totals per provider id.</summary>
    public required IReadOnlyDictionary<string, UsageTotals> ByProvider { get; init; }

    /// <summary>Spend against the budget limits.</summary>
    public required BudgetStatus Budget { get; init; }

    /// <summary>Dollars since the mesh started.</summary>
    public decimal TotalCost => Total.Cost;

    /// <summary>Tokens since the mesh started.</summary>
    public long TotalTokens => Total.TotalTokens;
}
