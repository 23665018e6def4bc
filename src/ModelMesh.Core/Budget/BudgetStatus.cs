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
}
