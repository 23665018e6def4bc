using System.Text;

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

    /// <summary>
    /// The totals, a line per model and per provider (ordered by id), then the budget status; invariant culture.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(Total).AppendLine();
        AppendSection(text, "by model", ByModel);
        AppendSection(text, "by provider", ByProvider);
        return text.Append("budget: ").Append(Budget).ToString();
    }

    private static void AppendSection(StringBuilder text, string title, IReadOnlyDictionary<string, UsageTotals> totals)
    {
        text.Append(title).Append(':');
        if (totals.Count == 0)
        {
            text.AppendLine(" none");
            return;
        }
        text.AppendLine();
        foreach (var (id, value) in totals.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append("  ").Append(id).Append(": ").Append(value).AppendLine();
        }
    }
}
