namespace ModelMesh;

/// <summary>A request would exceed (or has exceeded) a budget limit; raised before the request is sent.</summary>
public sealed class BudgetExceededException : ModelMeshException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="limitType">Which limit: <c>daily</c>, <c>monthly</c>, <c>per_request</c> or <c>provider:&lt;id&gt;</c>.</param>
    /// <param name="limit">The limit in US dollars.</param>
    /// <param name="actual">The spend (including this request's estimate) that would exceed it.</param>
    public BudgetExceededException(string limitType, decimal limit, decimal actual)
        : base($"Budget limit '{limitType}' of ${limit} would be exceeded: ${actual}.")
    {
        LimitType = limitType;
        Limit = limit;
        Actual = actual;
    }

    /// <summary>Which limit: <c>daily</c>, <c>monthly</c>, <c>per_request</c> or <c>provider:&lt;id&gt;</c>.</summary>
    public string LimitType { get; }

    /// <summary>The limit in US dollars.</summary>
    public decimal Limit { get; }

    /// <summary>The spend (including this request's estimate) that would exceed it.</summary>
    public decimal Actual { get; }
}
