using Microsoft.Extensions.Time.Testing;

namespace ModelMesh.Core.Tests.Simulation;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that says when something starts waiting <see cref="Watched"/> on it, so a test
/// advances the clock only once the wait exists (advancing earlier would leave the wait pending forever).
/// </summary>
internal sealed class SignallingClock(TimeSpan watched) : TimeProvider
{
    public FakeTimeProvider Fake { get; } = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    public TimeSpan Watched { get; } = watched;

    /// <summary>Released once per timer created with a due time of <see cref="Watched"/>.</summary>
    public SemaphoreSlim Waits { get; } = new(0);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime == Watched)
        {
            Waits.Release();
        }
        return timer;
    }

    /// <summary>Waits (bounded) until something waits on the clock.</summary>
    public async Task WaitForWaiterAsync() => Assert.True(await Waits.WaitAsync(TimeSpan.FromSeconds(20)), "nothing started waiting on the clock");
}
