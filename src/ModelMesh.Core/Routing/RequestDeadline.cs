using System.Diagnostics;

namespace ModelMesh.Routing;

/// <summary>
/// The time one routed request has (the pool's total timeout, started when routing began) and how it is shared
/// out: an attempt that may be followed by another model gets at most half of what is left, so a hung upstream
/// always leaves the next model time to answer.
/// </summary>
internal readonly struct RequestDeadline(TimeSpan total, TimeSpan? attemptTimeout)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>The whole time, or <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan Total { get; } = Timers.IsFinite(total) ? total : Timeout.InfiniteTimeSpan;

    /// <summary>How long since routing began.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>The time left, or <see cref="Timeout.InfiniteTimeSpan"/> without a total.</summary>
    public TimeSpan Remaining => Total == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : Max(Total - Elapsed, TimeSpan.Zero);

    /// <summary>What <paramref name="whole"/> leaves, counted from when routing began.</summary>
    public TimeSpan RemainingOf(TimeSpan whole) => Timers.IsFinite(whole) ? Max(whole - Elapsed, TimeSpan.Zero) : Timeout.InfiniteTimeSpan;

    /// <summary>
    /// The longest the next attempt may wait for its answer (for a stream: its first output): the explicit attempt
    /// timeout when set and shorter, and at most half the time left when another model could still be tried.
    /// <see cref="Timeout.InfiniteTimeSpan"/> when only the request's total bounds it (the last model may use all
    /// that is left, and the total's own timer says so).
    /// </summary>
    public TimeSpan ForAttempt(bool anotherModelMayFollow)
    {
        var remaining = Remaining;
        var limit = remaining != Timeout.InfiniteTimeSpan && anotherModelMayFollow ? remaining / 2 : Timeout.InfiniteTimeSpan;
        if (attemptTimeout is TimeSpan explicitLimit && Timers.IsFinite(explicitLimit) && (limit == Timeout.InfiniteTimeSpan || explicitLimit < limit))
        {
            limit = explicitLimit;
        }
        return limit;
    }

    /// <summary>Whether the request's total time has run out (never without a total).</summary>
    public bool IsOver => Total != Timeout.InfiniteTimeSpan && Elapsed >= Total;

    /// <summary>
    /// Arms an attempt's one cancellation source with whichever ends first, <paramref name="limit"/> (the attempt's
    /// own bound, infinite for none) or <paramref name="bound"/> (the request's time left, or for a committed stream
    /// its own total); true when the timer stands for <paramref name="bound"/>, so its expiry means "total time".
    /// </summary>
    public static bool Arm(CancellationTokenSource source, TimeSpan limit, TimeSpan bound)
    {
        if (Timers.IsFinite(limit) && (!Timers.IsFinite(bound) || limit < bound))
        {
            Timers.Arm(source, limit);
            return false;
        }
        Timers.Arm(source, bound);
        return Timers.IsFinite(bound);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
