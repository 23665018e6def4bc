using ModelMesh.Routing;
using Xunit;

namespace ModelMesh.Core.Tests.Routing;

/// <summary>The stream's idle timer: silence for the limit cancels; activity within it counts the silence again.</summary>
public sealed class IdleTimerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Silence_for_the_limit_cancels_the_source()
    {
        using var source = new CancellationTokenSource();
        using var timer = IdleTimer.Start(source, TimeSpan.FromMilliseconds(100));

        Assert.NotNull(timer);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(Timeout.InfiniteTimeSpan, source.Token).WaitAsync(Bound));
    }

    [Fact]
    public async Task Activity_within_the_limit_keeps_the_source_alive_past_the_limit_and_silence_after_it_still_cancels()
    {
        using var source = new CancellationTokenSource();
        var limit = TimeSpan.FromMilliseconds(1500);
        using var timer = IdleTimer.Start(source, limit)!;

        // Three limits' worth of activity: the timer wakes, finds it, and sleeps for what is left each time.
        for (var i = 0; i < 90; i++)
        {
            await Task.Delay(50);
            timer.Touch();
        }
        Assert.False(source.IsCancellationRequested);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(Timeout.InfiniteTimeSpan, source.Token).WaitAsync(Bound));
    }

    [Fact]
    public void A_limit_no_timer_can_hold_watches_nothing()
    {
        using var source = new CancellationTokenSource();

        Assert.Null(IdleTimer.Start(source, Timeout.InfiniteTimeSpan));
        Assert.Null(IdleTimer.Start(source, TimeSpan.MaxValue));
    }

    [Fact]
    public async Task A_timer_waking_after_the_stream_disposed_its_source_does_not_throw()
    {
        var source = new CancellationTokenSource();
        var timer = IdleTimer.Start(source, TimeSpan.FromMilliseconds(10))!;
        source.Dispose();

        await Task.Delay(200); // the callback runs on a disposed source: an exception there would end the test process
        timer.Dispose();
    }
}
