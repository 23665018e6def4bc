using System.Globalization;
using System.Text;

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

    /// <summary>The decision and a line per candidate, as <c>modelmesh explain</c> prints it.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"pool {PoolId} ({Strategy}{(Capability is null ? string.Empty : ", " + Capability)}), about {EstimatedPromptTokens} prompt tokens: ");
        text.Append(SelectedModel is null ? "no model" : "chosen " + SelectedModel).Append(" (").Append(Reason).Append(')');
        foreach (var candidate in Candidates)
        {
            text.AppendLine().Append("  ").Append(candidate);
        }
        return text.ToString();
    }
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

    /// <summary>"id via provider: score N, est. $X" or "id via provider: excluded (why)".</summary>
    public override string ToString() => ExcludedBecause is null
        ? string.Create(CultureInfo.InvariantCulture, $"{ModelId} via {ProviderId}: score {Score:0.###}, estimated {UsageText.Money(EstimatedCost)}")
        : $"{ModelId} via {ProviderId}: excluded ({ExcludedBecause})";
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

    /// <summary>The pool's counts, its next model and a line per model (status, reason, cooldown, requests, failures).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"pool {PoolId} ({Strategy}{(Capability is null ? string.Empty : ", " + Capability)}): {Active} active, {Standby} standby, next {CurrentModel ?? "none"}");
        foreach (var model in Models)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {model.ModelId} via {model.ProviderId}: {model.Status}");
            if (model.DeactivationReason is { } reason)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({reason}{(model.CooldownUntil is { } until ? " until " + until.ToString("u", CultureInfo.InvariantCulture) : string.Empty)})");
            }
            text.Append(", ").Append(UsageText.Count(model.Requests, "request")).Append(", ").Append(UsageText.Count(model.Failures, "failure"))
                .Append(CultureInfo.InvariantCulture, $", error rate {model.ErrorRate:0.##} over {model.ErrorRateSamples}");
        }
        return text.ToString();
    }
}
