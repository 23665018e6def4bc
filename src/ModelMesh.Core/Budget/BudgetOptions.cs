namespace ModelMesh;

/// <summary>
/// Spending limits in US dollars. They are checked before a request with an upper estimate, which is reserved
/// while the request runs and settled with the real cost after, so concurrent requests never overshoot a limit
/// (as long as a response stays within the output tokens it was estimated with: <c>max_tokens</c>, else the
/// model's maximum output, else 1,024). Days and months are UTC.
/// </summary>
public sealed record BudgetOptions
{
    /// <summary>Most dollars per UTC day; null for no limit.</summary>
    public decimal? DailyLimit { get; init; }

    /// <summary>Most dollars per UTC month; null for no limit.</summary>
    public decimal? MonthlyLimit { get; init; }

    /// <summary>Most dollars one request may be estimated to cost; null for no limit.</summary>
    public decimal? PerRequestLimit { get; init; }

    /// <summary>Most dollars per UTC day per provider id.</summary>
    public IReadOnlyDictionary<string, decimal> ProviderDailyLimits { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Share of a limit at which <see cref="BudgetStatus.Alert"/> turns on. Default 0.8.</summary>
    public double AlertThreshold { get; init; } = 0.8;

    /// <summary>Whether limits reject requests; when false they are only reported. Default true.</summary>
    public bool Enforce { get; init; } = true;
}
