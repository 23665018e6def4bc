using System.Globalization;
using ModelMesh.Routing;

namespace ModelMesh.Cdk;

/// <summary>
/// The base of every rotation policy: when to deactivate a model (<see cref="ShouldDeactivate"/>,
/// <see cref="GetReason"/>), when to bring it back (<see cref="ShouldRecover"/>), and how to rank candidates
/// (<see cref="Score"/>). <see cref="Select"/> orchestrates; a custom policy overrides only what differs.
/// One instance serves one pool and may keep state between requests (it must be thread-safe).
/// </summary>
public abstract class BaseRotationPolicy
{
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>Creates the policy with its pool's settings.</summary>
    /// <param name="options">The settings; null for the defaults.</param>
    protected BaseRotationPolicy(RotationPolicyOptions? options = null)
    {
        Options = options ?? new RotationPolicyOptions();
        IsBuiltIn = GetType().Assembly == typeof(BaseRotationPolicy).Assembly;
    }

    /// <summary>
    /// Whether this is one of the mesh's own policies (not a subclass from elsewhere): those select from the
    /// router's reused candidate buffer without keeping it, so the router passes it instead of a copy.
    /// </summary>
    internal bool IsBuiltIn { get; }

    /// <summary>The policy's id (for example <c>modelmesh.round-robin.v1</c>).</summary>
    public abstract string Id { get; }

    /// <summary>The pool's settings.</summary>
    public RotationPolicyOptions Options { get; }

    /// <summary>The clock the mesh runs on (tests substitute their own).</summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The current time by <see cref="TimeProvider"/>.</summary>
    protected DateTimeOffset Now => _timeProvider.GetUtcNow();

    /// <summary>Whether an active model should go to standby. The default: whenever <see cref="GetReason"/> gives one.</summary>
    /// <param name="state">The model's current state.</param>
    public virtual bool ShouldDeactivate(ModelState state) => GetReason(state) is not null;

    /// <summary>Why the model should be deactivated, or null when it should not.</summary>
    /// <param name="state">The model's current state.</param>
    public virtual DeactivationReason? GetReason(ModelState state) => BaseReason(state);

    /// <summary>
    /// Whether a model on standby should come back: its cooldown has passed and the limit that stopped it no
    /// longer holds. An authentication stop, and a manual stop without a cooldown, never end by themselves.
    /// </summary>
    /// <param name="state">The model's current state.</param>
    public virtual bool ShouldRecover(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != ModelStatus.Standby || state.DeactivationReason == DeactivationReason.AuthenticationFailed)
        {
            return false;
        }
        if (state.DeactivationReason == DeactivationReason.Manual && state.CooldownUntil is null)
        {
            return false; // Deactivated by hand with no end: only Reactivate brings it back.
        }
        if (state.CooldownUntil is DateTimeOffset until && until > Now)
        {
            return false;
        }
        return state.DeactivationReason switch
        {
            DeactivationReason.RequestLimit or DeactivationReason.TokenLimit or DeactivationReason.BudgetExceeded => LimitReason(state) is null,
            _ => true,
        };
    }

    /// <summary>
    /// When a model just deactivated will be reconsidered, or null when only a manual action recovers it. The
    /// router calls this with the state as deactivated (reason set, <see cref="ModelState.CooldownUntil"/> holding
    /// the default cooldown) and keeps the model off until the returned time; override it to rest a model until,
    /// say, a maintenance window ends.
    /// </summary>
    /// <param name="state">The model's current state.</param>
    public virtual DateTimeOffset? GetRecoverySchedule(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.DeactivationReason == DeactivationReason.AuthenticationFailed ? null : state.CooldownUntil;
    }

    /// <summary>
    /// Ranks a candidate; higher is better. The default: a place in <see cref="RotationPolicyOptions.ModelPriority"/>
    /// scores 1000+, a place in <see cref="RotationPolicyOptions.ProviderPriority"/> 500+, and every model adds
    /// <c>1 - error rate</c>.
    /// </summary>
    /// <param name="candidate">An eligible model.</param>
    /// <param name="request">The request being routed.</param>
    public virtual double Score(ModelState candidate, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return DefaultScore(candidate.ErrorRate, candidate.ModelId, candidate.ProviderId);
    }

    private double DefaultScore(double errorRate, string modelId, string providerId)
    {
        var score = 1.0 - errorRate;
        var (rankBase, rankBonus) = PriorityRank(modelId, providerId);
        return rankBase == 0 ? score : score + rankBase + rankBonus;
    }

    /// <summary>
    /// The default score's priority part, added to the health part in this order: 1000 and the model's place from the
    /// end of <see cref="RotationPolicyOptions.ModelPriority"/>, else 500 and its provider's place in
    /// <see cref="RotationPolicyOptions.ProviderPriority"/>, else nothing.
    /// </summary>
    internal (double Base, double Bonus) PriorityRank(string modelId, string providerId)
    {
        var modelRank = IndexOf(Options.ModelPriority, modelId);
        if (modelRank >= 0)
        {
            return (1000, Options.ModelPriority.Count - modelRank);
        }
        var providerRank = IndexOf(Options.ProviderPriority, providerId);
        return providerRank >= 0 ? (500, Options.ProviderPriority.Count - providerRank) : (0, 0);
    }

    // The built-in policies' path through a decision: the same rules as the public methods above, on the figures
    // the router keeps per member (no ModelState record, no reason string). The router takes it only for the
    // policies of this assembly (IsBuiltIn), whose public methods the internal ones match; a subclass from
    // elsewhere, which may override any public method, gets records and the public methods.

    /// <summary>Whether the policy ranks by latency (so the figures must carry the latency mean).</summary>
    internal virtual bool ReadsLatency => false;

    /// <summary>What <see cref="GetReason"/> says, on figures.</summary>
    internal virtual DeactivationReason? FastReason(in HealthFigures figures) => BaseReason(in figures);

    /// <summary>What <see cref="Score"/> says, on the figures of the candidate at <paramref name="index"/> (and its prepared facts).</summary>
    internal virtual double FastScore(CandidateBuffer candidates, int index, RoutingRequest request) =>
        PreparedScore(in candidates.FiguresAt(index), in candidates.FactsAt(index));

    /// <summary>
    /// <see cref="DefaultScore"/> with the priority ranks prepared with the pool: the same sums in the same order;
    /// looked up in the options' lists only for a member whose definition changed since.
    /// </summary>
    internal double PreparedScore(in HealthFigures figures, in MemberFacts facts)
    {
        if (!ReferenceEquals(figures.Definition, facts.Model))
        {
            return DefaultScore(figures.ErrorRate, figures.ModelId, figures.ProviderId);
        }
        var score = 1.0 - figures.ErrorRate;
        return facts.RankBase == 0 ? score : score + facts.RankBase + facts.RankBonus;
    }

    /// <summary>What <see cref="Select"/> chooses, as an index into the candidates.</summary>
    internal virtual int FastSelect(CandidateBuffer candidates, RoutingRequest request) => BestIndex(candidates, request);

    /// <summary>The candidate with the highest <see cref="FastScore"/>, the earliest on a tie.</summary>
    internal int BestIndex(CandidateBuffer candidates, RoutingRequest request)
    {
        var best = 0;
        var bestScore = FastScore(candidates, 0, request);
        for (var i = 1; i < candidates.Count; i++)
        {
            var score = FastScore(candidates, i, request);
            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>
    /// Picks one of the eligible candidates (given in pool order). The default takes the highest
    /// <see cref="Score"/>, the earliest on a tie.
    /// </summary>
    /// <param name="candidates">The eligible, active models, in pool order; never empty.</param>
    /// <param name="request">The request being routed.</param>
    public virtual SelectionResult Select(IReadOnlyList<ModelState> candidates, RoutingRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("There is no candidate to select from.", nameof(candidates));
        }
        ModelState best = candidates[0];
        var bestScore = Score(best, request);
        for (var i = 1; i < candidates.Count; i++)
        {
            var score = Score(candidates[i], request);
            if (score > bestScore)
            {
                best = candidates[i];
                bestScore = score;
            }
        }
        return new SelectionResult(best, bestScore, SelectionReason(best, bestScore));
    }

    /// <summary>Called after a request to a model ended, so stateful policies can learn from it.</summary>
    /// <param name="state">The model's state after the request.</param>
    /// <param name="succeeded">Whether the request succeeded.</param>
    public virtual void OnCompleted(ModelState state, bool succeeded)
    {
    }

    /// <summary>
    /// The reason the default scorer gives: <c>model_priority</c>, <c>provider_priority</c>, <c>lowest_error_rate</c>,
    /// or, when an overridden <see cref="Score"/> decided, <c>highest score (N)</c>.
    /// </summary>
    /// <param name="chosen">The chosen model.</param>
    /// <param name="score">The score it won with.</param>
    protected string SelectionReason(ModelState chosen, double score)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        if (IndexOf(Options.ModelPriority, chosen.ModelId) >= 0)
        {
            return "model_priority";
        }
        if (IndexOf(Options.ProviderPriority, chosen.ProviderId) >= 0)
        {
            return "provider_priority";
        }
        return Math.Abs(score - (1.0 - chosen.ErrorRate)) < 1e-9 ? "lowest_error_rate" : $"highest score ({Format(score)})";
    }

    /// <summary>The checks every policy inherits: failures, error rate, probation, and the model's daily limits.</summary>
    /// <param name="state">The model's current state.</param>
    protected DeactivationReason? BaseReason(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return BaseReason(HealthFigures.Of(state));
    }

    internal DeactivationReason? BaseReason(in HealthFigures state)
    {
        if (state.ConsecutiveFailures >= Options.FailureThreshold || (state.OnProbation && state.ConsecutiveFailures > 0))
        {
            return DeactivationReason.ErrorThreshold;
        }
        // The rate speaks only once enough requests of this activation have ended: started requests are not outcomes.
        if (state.ErrorRateSamples >= Math.Max(1, Options.ErrorRateMinimumRequests) && state.ErrorRate >= Options.ErrorRateThreshold)
        {
            return DeactivationReason.ErrorThreshold;
        }
        return LimitReason(state);
    }

    /// <summary>Which of the model's own daily limits (requests, tokens, cost) it has reached, if any.</summary>
    /// <param name="state">The model's current state.</param>
    protected static DeactivationReason? LimitReason(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return LimitReason(HealthFigures.Of(state));
    }

    internal static DeactivationReason? LimitReason(in HealthFigures state)
    {
        var model = state.Definition;
        if (model.DailyRequestLimit is long requests && state.RequestsToday >= requests)
        {
            return DeactivationReason.RequestLimit;
        }
        if (model.DailyTokenLimit is long tokens && state.TokensToday >= tokens)
        {
            return DeactivationReason.TokenLimit;
        }
        if (model.DailyCostLimit is decimal cost && state.CostToday >= cost)
        {
            return DeactivationReason.BudgetExceeded;
        }
        return null;
    }

    /// <summary>The position of <paramref name="id"/> in <paramref name="list"/>, or -1.</summary>
    protected static int IndexOf(IReadOnlyList<string> list, string id)
    {
        ArgumentNullException.ThrowIfNull(list);
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], id, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A score formatted for reasons and explanations.</summary>
    protected static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override string ToString() => Id;
}
