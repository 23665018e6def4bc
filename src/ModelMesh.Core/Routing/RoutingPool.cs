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
    }

    public PoolDefinition Definition { get; }

    public string Id => Definition.Id;

    public BaseRotationPolicy Policy { get; }

    public IReadOnlyList<PoolMember> Members { get; }

    public ModelState Snapshot(PoolMember member) =>
        member.Health.Snapshot(Policy.TimeProvider.GetUtcNow(), Policy.Options.ErrorRateWindow, Policy.Options.LatencyWindow);

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
            var state = Snapshot(member);
            if (state.Status == ModelStatus.Standby && Policy.ShouldRecover(state))
            {
                member.Health.Reactivate(probation: state.DeactivationReason == DeactivationReason.ErrorThreshold || state.ConsecutiveFailures > 0);
                state = Snapshot(member);
            }
            if (state.Status == ModelStatus.Active && Policy.ShouldDeactivate(state))
            {
                Deactivate(member, Policy.GetReason(state) ?? DeactivationReason.ErrorThreshold, now);
                state = Snapshot(member);
            }
            states.Add((member, state));
        }
        return states;
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
        member.Health.Deactivate(reason, Policy.GetRecoverySchedule(planned));
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
