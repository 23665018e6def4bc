namespace ModelMesh;

/// <summary>The <c>budget:</c> section, in US dollars; days and months are UTC.</summary>
public sealed class BudgetConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>Spend allowed per day (<c>daily_limit</c>); null for no limit.</summary>
    public decimal? DailyLimit { get; init; }

    /// <summary>Spend allowed per month (<c>monthly_limit</c>); null for no limit.</summary>
    public decimal? MonthlyLimit { get; init; }

    /// <summary>Largest cost of one request (<c>per_request_limit</c>); null for no limit.</summary>
    public decimal? PerRequestLimit { get; init; }

    /// <summary>Fraction of a limit at which an alert is raised (<c>alert_threshold</c>, 0..1); default 0.8.</summary>
    public double AlertThreshold { get; init; } = 0.8;

    /// <summary>Whether requests are refused once a limit is reached (<c>enforce</c>); default true.</summary>
    public bool Enforce { get; init; } = true;

    /// <summary>Daily spend allowed per provider id (<c>provider_limits</c>).</summary>
    public IReadOnlyDictionary<string, decimal> ProviderLimits { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);
}
