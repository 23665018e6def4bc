namespace ModelMesh.Routing;

/// <summary>What one routed request has tried so far: the attempts with their errors, and what to avoid next.</summary>
internal sealed class AttemptLog
{
    private readonly HashSet<string> _tried = new(StringComparer.Ordinal);

    public List<RoutingAttempt> Attempts { get; } = [];

    /// <summary>After a context-length rejection, only models with a larger window than this are tried.</summary>
    public int? ContextWindowAbove { get; set; }

    /// <summary>The budget refusal that excluded the last candidates, if budget was what stopped the request.</summary>
    public BudgetExceededException? BudgetRefusal { get; set; }

    public int ModelsTried => _tried.Count;

    public bool Tried(string modelId) => _tried.Contains(modelId);

    public void MarkTried(string modelId) => _tried.Add(modelId);

    public void Add(PoolMember member, Exception error, TimeSpan elapsed) =>
        Attempts.Add(new RoutingAttempt(member.Model.Id, member.Model.ProviderId, error, elapsed));
}
