using ModelMesh;
using ModelMesh.Cdk;

namespace Tutorial4;

/// <summary>The policy's own settings, on top of the pool's <see cref="RotationPolicyOptions"/>.</summary>
internal sealed record TimeOfDayPolicyConfig
{
    /// <summary>Maintenance windows as [start, end) UTC hours. Default 02:00-04:00.</summary>
    public IReadOnlyList<(int Start, int End)> MaintenanceWindows { get; init; } = [(2, 4)];

    /// <summary>Peak hours as [start, end) UTC hours. Default 09:00-17:00.</summary>
    public (int Start, int End) PeakHours { get; init; } = (9, 17);

    /// <summary>Models (mesh id or upstream name) preferred off-peak and kept during maintenance.</summary>
    public IReadOnlyList<string> CheapModels { get; init; } = ["gpt-3.5-turbo", "claude-3-haiku"];

    /// <summary>Models (mesh id or upstream name) preferred at peak hours.</summary>
    public IReadOnlyList<string> PremiumModels { get; init; } = ["gpt-4o", "claude-3-opus"];
}

/// <summary>
/// Routes by time-of-day cost tiers:
/// during maintenance windows every model but the cheap ones is deactivated;
/// at peak hours premium models get +500 (lower latency); off-peak cheap models get +500 (lower cost).
/// The hour comes from the policy's <see cref="BaseRotationPolicy.TimeProvider"/> (the mesh's clock), never from
/// <see cref="DateTime.UtcNow"/>, so tests and this sample can set it. Recovery after a cooldown, candidate filtering
/// and <c>Select</c> are inherited unchanged from <see cref="BaseRotationPolicy"/>.
/// </summary>
internal sealed class TimeOfDayRotationPolicy(RotationPolicyOptions? options, TimeOfDayPolicyConfig config) : BaseRotationPolicy(options)
{
    /// <summary>The id the policy is registered under (short name <c>time-of-day</c>).</summary>
    public const string PolicyId = "acme.time-of-day.v1";

    /// <inheritdoc/>
    public override string Id => PolicyId;

    private bool IsMaintenance()
    {
        var hour = Now.Hour; // Now is TimeProvider.GetUtcNow()
        return config.MaintenanceWindows.Any(w => w.Start <= hour && hour < w.End);
    }

    private bool IsPeak()
    {
        var hour = Now.Hour;
        return config.PeakHours.Start <= hour && hour < config.PeakHours.End;
    }

    private static bool IsIn(IReadOnlyList<string> models, ModelState state) =>
        models.Contains(state.ModelId, StringComparer.Ordinal) || models.Contains(state.Definition.WireModel, StringComparer.Ordinal);

    /// <summary>Deactivates non-essential models during maintenance windows.</summary>
    public override bool ShouldDeactivate(ModelState state)
    {
        // Always respect the base class's checks (failures, error rate, daily limits).
        if (base.ShouldDeactivate(state))
        {
            return true;
        }
        // During maintenance, deactivate everything except cheap models.
        return IsMaintenance() && !IsIn(config.CheapModels, state);
    }

    /// <summary>The deactivation reason, including maintenance.</summary>
    public override DeactivationReason? GetReason(ModelState state) =>
        base.GetReason(state)
        ?? (IsMaintenance() && !IsIn(config.CheapModels, state) ? DeactivationReason.MaintenanceWindow : null);

    /// <summary>
    /// Peak hours: premium models get +500. Off-peak: cheap models get +500. The base score (priorities and
    /// 1 - error rate) always applies.
    /// </summary>
    public override double Score(ModelState candidate, RoutingRequest request)
    {
        var baseScore = base.Score(candidate, request);
        var favoured = IsPeak() ? config.PremiumModels : config.CheapModels;
        return IsIn(favoured, candidate) ? baseScore + 500.0 : baseScore;
    }
}
