namespace ModelMesh;

/// <summary>What the router would do with a request, without sending it (<c>MeshClient.Explain</c>).</summary>
public sealed record RoutingExplanation
{
    /// <summary>The pool the request's <c>model</c> resolved to.</summary>
    public required string PoolId { get; init; }

    /// <summary>The pool's strategy id.</summary>
    public required string Strategy { get; init; }

    /// <summary>The pool's capability path, if it has one.</summary>
    public string? Capability { get; init; }

    /// <summary>The model that would be tried first; null when none is eligible.</summary>
    public string? SelectedModel { get; init; }

    /// <summary>Why it would be chosen, or why nothing could be.</summary>
    public required string Reason { get; init; }

    /// <summary>The estimated prompt tokens the decision used.</summary>
    public int EstimatedPromptTokens { get; init; }

    /// <summary>Every model in the pool, eligible or not, with its score or the reason it was excluded.</summary>
    public required IReadOnlyList<CandidateExplanation> Candidates { get; init; }
}

/// <summary>One model of a pool as the router saw it for a request.</summary>
public sealed record CandidateExplanation
{
    /// <summary>The model id.</summary>
    public required string ModelId { get; init; }

    /// <summary>The provider id.</summary>
    public required string ProviderId { get; init; }

    /// <summary>Whether the model could take the request.</summary>
    public bool Eligible => ExcludedBecause is null;

    /// <summary>Why the model was excluded, in words; null when eligible.</summary>
    public string? ExcludedBecause { get; init; }

    /// <summary>Why the model was excluded, as a code; null when eligible.</summary>
    public ExclusionReason? Exclusion { get; init; }

    /// <summary>The policy's score for an eligible model.</summary>
    public double? Score { get; init; }

    /// <summary>The estimated cost of the request on this model, in dollars.</summary>
    public decimal EstimatedCost { get; init; }

    /// <summary>The model's state at the time.</summary>
    public required ModelState State { get; init; }
}

/// <summary>A pool's models at one moment (<c>MeshClient.PoolStatus</c>).</summary>
public sealed record PoolStatus
{
    /// <summary>The pool id.</summary>
    public required string PoolId { get; init; }

    /// <summary>The strategy id.</summary>
    public required string Strategy { get; init; }

    /// <summary>The capability path, if any.</summary>
    public string? Capability { get; init; }

    /// <summary>Models taking requests.</summary>
    public int Active => Models.Count(m => m.Status == ModelStatus.Active);

    /// <summary>Models on standby.</summary>
    public int Standby => Models.Count(m => m.Status == ModelStatus.Standby);

    /// <summary>All models.</summary>
    public int Total => Models.Count;

    /// <summary>The model the next request would go to, if any.</summary>
    public string? CurrentModel { get; init; }

    /// <summary>Every model's state.</summary>
    public required IReadOnlyList<ModelState> Models { get; init; }
}
