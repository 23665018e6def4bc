namespace ModelMesh.Routing;

/// <summary>Accumulates usage per model and provider; lives as long as the client, across config reloads.</summary>
/// <param name="metrics">Where the money spent is counted too (<c>modelmesh.budget.spent</c>); null for nowhere.</param>
internal sealed class UsageTracker(Telemetry.MeshMetrics? metrics = null)
{
    private readonly object _gate = new();
    // Counted in place (one tally per model and provider, made once) so recording allocates nothing; the
    // public records are built only for a snapshot.
    private readonly Dictionary<string, Tally> _byModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tally> _byProvider = new(StringComparer.Ordinal);
    private readonly Tally _total = new();

    private sealed class Tally
    {
        public long Requests;
        public long PromptTokens;
        public long CompletionTokens;
        public decimal Cost;

        public void Add(long prompt, long completion, decimal cost)
        {
            Requests++;
            PromptTokens += prompt;
            CompletionTokens += completion;
            Cost += cost;
        }

        public UsageTotals ToTotals() => new() { Requests = Requests, PromptTokens = PromptTokens, CompletionTokens = CompletionTokens, Cost = Cost };
    }

    private static Tally TallyOf(Dictionary<string, Tally> tallies, string key)
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tallies[key] = tally = new Tally();
        }
        return tally;
    }

    private static Dictionary<string, UsageTotals> TotalsOf(Dictionary<string, Tally> tallies)
    {
        var totals = new Dictionary<string, UsageTotals>(tallies.Count, StringComparer.Ordinal);
        foreach (var (key, tally) in tallies)
        {
            totals[key] = tally.ToTotals();
        }
        return totals;
    }

    public void Record(string modelId, string providerId, long promptTokens, long completionTokens, decimal cost)
    {
        lock (_gate)
        {
            TallyOf(_byModel, modelId).Add(promptTokens, completionTokens, cost);
            TallyOf(_byProvider, providerId).Add(promptTokens, completionTokens, cost);
            _total.Add(promptTokens, completionTokens, cost);
        }
        metrics?.Spent(modelId, providerId, cost);
    }

    public MeshUsage Snapshot(BudgetStatus budget)
    {
        lock (_gate)
        {
            return new MeshUsage
            {
                Total = _total.ToTotals(),
                ByModel = TotalsOf(_byModel),
                ByProvider = TotalsOf(_byProvider),
                Budget = budget,
            };
        }
    }
}
