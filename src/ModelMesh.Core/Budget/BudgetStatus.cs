using System.Text;

namespace ModelMesh;

/// <summary>Spend against the budget limits at one moment.</summary>
public sealed record BudgetStatus
{
    /// <summary>Dollars spent in the current UTC day.</summary>
    public decimal DailyUsed { get; init; }

    /// <summary>The daily limit, if any.</summary>
    public decimal? DailyLimit { get; init; }

    /// <summary>Dollars left today (null without a limit).</summary>
    public decimal? DailyRemaining => DailyLimit is decimal limit ? Math.Max(0, limit - DailyUsed) : null;

    /// <summary>Dollars spent in the current UTC month.</summary>
    public decimal MonthlyUsed { get; init; }

    /// <summary>The monthly limit, if any.</summary>
    public decimal? MonthlyLimit { get; init; }

    /// <summary>Dollars left this month (null without a limit).</summary>
    public decimal? MonthlyRemaining => MonthlyLimit is decimal limit ? Math.Max(0, limit - MonthlyUsed) : null;

    /// <summary>Dollars held by requests in flight (their estimates).</summary>
    public decimal Reserved { get; init; }

    /// <summary>Whether a limit has been reached.</summary>
    public bool Exceeded { get; init; }

    /// <summary>Whether spend has passed the alert threshold of a limit.</summary>
    public bool Alert { get; init; }

    /// <summary>
    /// For example <c>today $1.50 of $10.00 ($8.50 left), this month $12.25 (no limit), $0.0001 reserved, alert</c>
    /// (invariant culture; reserved, alert and exceeded only when they apply).
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("today ").Append(Spend(DailyUsed, DailyLimit, DailyRemaining));
        text.Append(", this month ").Append(Spend(MonthlyUsed, MonthlyLimit, MonthlyRemaining));
        if (Reserved != 0)
        {
            text.Append(", ").Append(UsageText.Money(Reserved)).Append(" reserved");
        }
        if (Alert)
        {
            text.Append(", alert");
        }
        if (Exceeded)
        {
            text.Append(", exceeded");
        }
        return text.ToString();
    }

    private static string Spend(decimal used, decimal? limit, decimal? remaining) =>
        limit is decimal l
            ? UsageText.Money(used) + " of " + UsageText.Money(l) + " (" + UsageText.Money(remaining ?? 0) + " left)"
            : UsageText.Money(used) + " (no limit)";
}
