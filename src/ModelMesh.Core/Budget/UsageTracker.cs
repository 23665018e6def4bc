namespace ModelMesh.Routing;

/// <summary>Accumulates usage per model and provider; lives as long as the client, across config reloads.</summary>
/// <param name="metrics">Where the money spent is counted too (<c>modelmesh.budget.spent</c>); null for nowhere.</param>
internal sealed class UsageTracker(Telemetry.MeshMetrics? metrics = null)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, UsageTotals> _byModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UsageTotals> _byProvider = new(StringComparer.Ordinal);
    private UsageTotals _total = new();

    public void Record(string modelId, string providerId, long promptTokens, long completionTokens, decimal cost)
    {
        lock (_gate)
        {
            _byModel[modelId] = (_byModel.TryGetValue(modelId, out var model) ? model : UsageTotals.Zero).Add(promptTokens, completionTokens, cost);
            _byProvider[providerId] = (_byProvider.TryGetValue(providerId, out var provider) ? provider : UsageTotals.Zero).Add(promptTokens, completionTokens, cost);
            _total = _total.Add(promptTokens, completionTokens, cost);
        }
        metrics?.Spent(modelId, providerId, cost);
    }

    public MeshUsage Snapshot(BudgetStatus budget)
    {
        lock (_gate)
        {
            return new MeshUsage
            {
                Total = _total,
                ByModel = new Dictionary<string, UsageTotals>(_byModel, StringComparer.Ordinal),
                ByProvider = new Dictionary<string, UsageTotals>(_byProvider, StringComparer.Ordinal),
                Budget = budget,
            };
        }
    }
}
