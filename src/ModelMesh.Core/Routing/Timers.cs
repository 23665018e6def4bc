namespace ModelMesh.Routing;

/// <summary>
/// Time arithmetic that never throws: timers armed with any <see cref="TimeSpan"/> (a value past what a timer can
/// hold means "never") and instants that saturate instead of overflowing. Options and upstream headers can carry
/// absurd durations; a request must not crash on them.
/// </summary>
internal static class Timers
{
    /// <summary>The longest delay a timer takes (about 49.7 days); anything longer is treated as no limit.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>Whether a duration is a real, finite limit a timer can wait for.</summary>
    public static bool IsFinite(TimeSpan value) => value != Timeout.InfiniteTimeSpan && value < Longest;

    /// <summary>Cancels <paramref name="source"/> after <paramref name="delay"/>; an infinite or too-long delay disarms it.</summary>
    public static void Arm(CancellationTokenSource source, TimeSpan delay)
    {
        if (delay == Timeout.InfiniteTimeSpan || delay >= Longest)
        {
            source.CancelAfter(Timeout.InfiniteTimeSpan);
        }
        else
        {
            source.CancelAfter(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        }
    }

    /// <summary>A delay a timer can hold: at most <see cref="Longest"/>, at least zero.</summary>
    public static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > Longest ? Longest : delay;

    /// <summary><paramref name="instant"/> plus <paramref name="span"/>, saturating at the calendar's ends.</summary>
    public static DateTimeOffset Add(DateTimeOffset instant, TimeSpan span)
    {
        if (span >= TimeSpan.Zero)
        {
            return span >= DateTimeOffset.MaxValue - instant ? DateTimeOffset.MaxValue : instant + span;
        }
        return span <= DateTimeOffset.MinValue - instant ? DateTimeOffset.MinValue : instant + span;
    }
}
