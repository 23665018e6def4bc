using ModelMesh.Cdk;

namespace ModelMesh.Routing;

/// <summary>A pool at run time: its definition, its policy instance and its members in pool order.</summary>
internal sealed class RoutingPool
{
    public RoutingPool(PoolDefinition definition, BaseRotationPolicy policy, IReadOnlyList<PoolMember> members)
    {
        Definition = definition;
        Policy = policy;
        Members = members;
        Facts = new MemberFacts[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            Facts[i] = MemberFacts.Of(members[i], policy);
        }
    }

    /// <summary>The members' prepared facts, in pool order (prepared once: a pool lives as long as its runtime).</summary>
    public MemberFacts[] Facts { get; }

    public PoolDefinition Definition { get; }

    /// <summary>Where the pool's health changes are logged.</summary>
    public Microsoft.Extensions.Logging.ILogger Logger { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Where the pool's deactivations are counted.</summary>
    public Telemetry.MeshMetrics? Metrics { get; init; }

    public string Id => Definition.Id;

    public BaseRotationPolicy Policy { get; }

    public IReadOnlyList<PoolMember> Members { get; }

    /// <summary>A new record of the member's state now (for <c>Explain</c>, status and failure handling).</summary>
    public ModelState Snapshot(PoolMember member) =>
        member.Health.Snapshot(Policy.TimeProvider.GetUtcNow(), Policy.Options.ErrorRateWindow, Policy.Options.LatencyWindow);

    /// <summary>The member's state for routing: shared until the member changes (<see cref="ModelHealth.Current"/>).</summary>
    public ModelState Current(PoolMember member) =>
        member.Health.Current(Policy.TimeProvider.GetUtcNow(), Policy.Options.ErrorRateWindow, Policy.Options.LatencyWindow);

    // A few spare buffers, one per concurrent decision the cores can run: a buffer keeps its members' figures
    // between decisions, so one dropped under contention is costly to rebuild (its figures are read afresh).
    private readonly CandidateBuffer?[] _spareCandidates = new CandidateBuffer?[Math.Clamp(Environment.ProcessorCount, 2, 16)];

    /// <summary>
    /// A candidate buffer sized to the pool, prepared once per pool (so per runtime: a swapped runtime has new
    /// pools); a request that finds every spare taken by concurrent ones gets a new one. Give it back with <see cref="Return"/>.
    /// </summary>
    public CandidateBuffer RentCandidates()
    {
        for (var i = 0; i < _spareCandidates.Length; i++)
        {
            if (Interlocked.Exchange(ref _spareCandidates[i], null) is { } spare)
            {
                return spare;
            }
        }
        return new CandidateBuffer(Members, Facts);
    }

    public void Return(CandidateBuffer buffer)
    {
        buffer.Clear();
        for (var i = 0; i < _spareCandidates.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _spareCandidates[i], buffer, null) is null)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Applies the policy's recovery and deactivation rules to every member, then returns the members' states:
    /// a model whose cooldown has passed comes back (on probation after failures); one that breaks a rule goes
    /// to standby with a cooldown.
    /// </summary>
    public IReadOnlyList<(PoolMember Member, ModelState State)> Refresh()
    {
        var now = Policy.TimeProvider.GetUtcNow();
        var states = new List<(PoolMember, ModelState)>(Members.Count);
        foreach (var member in Members)
        {
            states.Add((member, Refresh(member, now)));
        }
        return states;
    }

    /// <summary>
    /// Applies the policy's recovery and deactivation rules to one member and returns its state: a model whose
    /// cooldown has passed comes back (on probation after failures); one that breaks a rule goes to standby.
    /// </summary>
    public ModelState Refresh(PoolMember member, DateTimeOffset now)
    {
        var state = Current(member);
        if (state.Status == ModelStatus.Standby && Policy.ShouldRecover(state))
        {
            var probation = state.DeactivationReason == DeactivationReason.ErrorThreshold || state.ConsecutiveFailures > 0;
            if (member.Health.Reactivate(probation, now))
            {
                MeshLog.Recovered(Logger, member.Model.Id, probation);
            }
            state = Current(member);
        }
        return ApplyPolicy(member, state, now);
    }

    /// <summary>
    /// Deactivates an active member when the policy says so, and returns its state. A health verdict (error
    /// threshold, latency) never takes the pool's last active model away while that model is still answering some
    /// requests — it succeeded within the last cooldown of time it was active (a rest does not count: a model just
    /// back from one had no traffic to succeed with) — because a pool of flaky models serves better than a pool of
    /// none; a model that has not succeeded for a whole cooldown of serving goes, even if it is the last.
    /// </summary>
    public ModelState ApplyPolicy(PoolMember member, ModelState state, DateTimeOffset now)
    {
        if (state.Status != ModelStatus.Active || !Policy.ShouldDeactivate(state))
        {
            return state;
        }
        var reason = Policy.GetReason(state) ?? DeactivationReason.ErrorThreshold;
        if (reason is DeactivationReason.ErrorThreshold or DeactivationReason.LatencyThreshold)
        {
            lock (_healthVerdicts)
            {
                // Decided one at a time, so two members cannot each leave the other as the last and both go.
                // Read now, not from the state: a routing state is as of the member's last change.
                if (IsLastActive(member) && member.Health.ActiveTimeSinceSuccess(now) is TimeSpan quiet && quiet < Policy.Options.Cooldown)
                {
                    return state;
                }
                Deactivate(member, reason, now);
            }
        }
        else
        {
            Deactivate(member, reason, now);
        }
        return Current(member);
    }

    private readonly object _healthVerdicts = new();

    private bool IsLastActive(PoolMember member)
    {
        foreach (var other in Members)
        {
            if (!ReferenceEquals(other, member) && other.Health.IsActive)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Puts a member on standby with the cooldown its reason calls for.</summary>
    public void Deactivate(PoolMember member, DeactivationReason reason, DateTimeOffset now, DateTimeOffset? until = null)
    {
        until ??= reason switch
        {
            // Limits that reset with the UTC day are not retried before it.
            DeactivationReason.RequestLimit or DeactivationReason.TokenLimit or DeactivationReason.BudgetExceeded or DeactivationReason.QuotaExhausted
                => Later(new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero), Timers.Add(now, Policy.Options.Cooldown)),
            DeactivationReason.AuthenticationFailed => null,
            _ => Timers.Add(now, Policy.Options.Cooldown),
        };
        var planned = Snapshot(member) with { Status = ModelStatus.Standby, DeactivationReason = reason, CooldownUntil = until };
        var cooldownUntil = Policy.GetRecoverySchedule(planned);
        if (member.Health.Deactivate(reason, cooldownUntil, now))
        {
            MeshLog.Deactivated(Logger, member.Model.Id, reason, cooldownUntil);
            Metrics?.Deactivated(member.Model, reason);
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
