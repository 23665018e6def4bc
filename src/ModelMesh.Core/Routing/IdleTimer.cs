using System.Diagnostics;

namespace ModelMesh.Routing;

/// <summary>
/// Cancels a source once nothing has happened for a limit: "something happened" is <see cref="Touch"/>, a timestamp
/// and no timer call, so a stream marks every chunk for the price of reading the clock. The timer itself wakes at
/// most once per limit: when it finds activity since it was set, it sleeps again for what is left of the limit.
/// Re-arming a <see cref="CancellationTokenSource"/> per chunk instead takes the timer queue's lock on every chunk.
/// </summary>
internal sealed class IdleTimer : IDisposable
{
    private readonly CancellationTokenSource _target;
    private readonly TimeSpan _limit;
    private readonly Timer _timer;
    private long _lastActivity;
    private volatile bool _expired;

    private IdleTimer(CancellationTokenSource target, TimeSpan limit)
    {
        _target = target;
        _limit = limit;
        _lastActivity = Stopwatch.GetTimestamp();
        // Not flowing the execution context: the callback needs none, and capturing it would keep the caller's alive.
        using (ExecutionContext.SuppressFlow())
        {
            _timer = new Timer(static state => ((IdleTimer)state!).OnDue(), this, limit, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Starts watching for <paramref name="limit"/> of silence from now, cancelling <paramref name="target"/> when it
    /// passes; null (nothing to watch) when the limit is not a finite duration a timer can hold.
    /// </summary>
    public static IdleTimer? Start(CancellationTokenSource target, TimeSpan limit) =>
        Timers.IsFinite(limit) ? new IdleTimer(target, limit < TimeSpan.Zero ? TimeSpan.Zero : limit) : null;

    /// <summary>Marks activity: the silence is counted again from now.</summary>
    public void Touch() => Volatile.Write(ref _lastActivity, Stopwatch.GetTimestamp());

    /// <summary>
    /// Whether the silence passed the limit and this timer cancelled the source: the source is shared with other
    /// limits (the caller's token, the stream's total), and only this tells which one ended the stream.
    /// </summary>
    public bool Expired => _expired;

    /// <inheritdoc/>
    public void Dispose() => _timer.Dispose();

    private void OnDue()
    {
        var left = _limit - Stopwatch.GetElapsedTime(Volatile.Read(ref _lastActivity));
        if (left > TimeSpan.Zero)
        {
            try
            {
                _timer.Change(left, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The stream ended while the timer was waking: nothing left to watch.
            }
            return;
        }
        _expired = true;
        try
        {
            _target.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended (and disposed its source) while the timer was waking.
        }
    }
}
