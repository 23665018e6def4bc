namespace ModelMesh.Routing;

/// <summary>
/// What one routed request has tried so far: the attempts with their errors, and what to avoid next. Empty until a
/// model fails: the first tried model is kept in a field and a set is built only for a second, so a request that
/// succeeds on its first model allocates nothing here but the log itself.
/// </summary>
internal sealed class AttemptLog
{
    private string? _firstTried;
    private HashSet<string>? _tried;
    private List<RoutingAttempt>? _attempts;

    public IReadOnlyList<RoutingAttempt> Attempts => (IReadOnlyList<RoutingAttempt>?)_attempts ?? [];

    /// <summary>After a context-length rejection, only models with a larger window than this are tried.</summary>
    public int? ContextWindowAbove { get; set; }

    /// <summary>The budget refusal that excluded the last candidates, if budget was what stopped the request.</summary>
    public BudgetExceededException? BudgetRefusal { get; set; }

    public int ModelsTried => _tried?.Count ?? (_firstTried is null ? 0 : 1);

    public bool Tried(string modelId) =>
        _tried?.Contains(modelId) ?? (_firstTried is not null && string.Equals(_firstTried, modelId, StringComparison.Ordinal));

    public void MarkTried(string modelId)
    {
        if (_tried is not null)
        {
            _tried.Add(modelId);
        }
        else if (_firstTried is null)
        {
            _firstTried = modelId;
        }
        else if (!string.Equals(_firstTried, modelId, StringComparison.Ordinal))
        {
            _tried = new HashSet<string>(StringComparer.Ordinal) { _firstTried, modelId };
        }
    }

    public void Add(PoolMember member, Exception error, TimeSpan elapsed) =>
        (_attempts ??= []).Add(new RoutingAttempt(member.Model.Id, member.Model.ProviderId, error, elapsed));
}
