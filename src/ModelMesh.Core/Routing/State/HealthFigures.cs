namespace ModelMesh.Routing;

/// <summary>
/// The figures of one model's health the built-in policies route on, read at one version of its
/// <see cref="ModelHealth"/>: a struct kept in the pool's candidate buffer and read again only when the model
/// changed, so a decision builds no <see cref="ModelState"/> record and takes no health lock for an unchanged member.
/// Custom policies still get records.
/// </summary>
internal struct HealthFigures
{
    public ModelDefinition Definition;
    public ModelStatus Status;
    public DeactivationReason? DeactivationReason;
    public DateTimeOffset? CooldownUntil;
    public int ConsecutiveFailures;
    public bool OnProbation;
    public double ErrorRate;
    public int ErrorRateSamples;
    public int InFlight;
    public long RequestsToday;
    public long TokensToday;
    public decimal CostToday;
    public decimal TotalCost;

    /// <summary><see cref="TotalCost"/> as a double (cost-first's approximate pass), converted once per read.</summary>
    public double TotalCostAsDouble;
    public double? LatencyAverageMs;

    /// <summary>The health version and UTC day the figures were read at; <see cref="Definition"/> null: never read.</summary>
    public long Version;
    public DateOnly Day;

    /// <summary>The policy's verdict on these figures (what <c>ShouldDeactivate</c> would say), kept with them.</summary>
    public DeactivationReason? Verdict;

    public readonly string ModelId => Definition.Id;

    public readonly string ProviderId => Definition.ProviderId;

    /// <summary>The figures of a record, for the public policy methods that share the built-in rules.</summary>
    public static HealthFigures Of(ModelState state) => new()
    {
        Definition = state.Definition,
        Status = state.Status,
        DeactivationReason = state.DeactivationReason,
        CooldownUntil = state.CooldownUntil,
        ConsecutiveFailures = state.ConsecutiveFailures,
        OnProbation = state.OnProbation,
        ErrorRate = state.ErrorRate,
        ErrorRateSamples = state.ErrorRateSamples,
        InFlight = state.InFlight,
        RequestsToday = state.RequestsToday,
        TokensToday = state.TokensToday,
        CostToday = state.CostToday,
        TotalCost = state.TotalCost,
        TotalCostAsDouble = (double)state.TotalCost,
        LatencyAverageMs = state.LatencyAverageMs,
    };
}
