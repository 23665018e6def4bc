namespace ModelMesh.Configuration;

/// <summary>
/// Runs reloads one at a time, each on the thread pool and awaited end to end, so neither the thread that asked for
/// one (a timer, or whoever called <c>IConfigurationRoot.Reload</c>) nor any other waits on its I/O or secret lookups.
/// </summary>
/// <remarks>
/// <see cref="Dispose"/> cancels the reload in progress (its token is <see cref="Stopping"/>), drops the queued ones
/// and waits for the one in progress to end, so nothing is reported after it returns — unless it is called from
/// inside that reload (a handler disposing the client it reloads), which must not wait for itself.
/// </remarks>
internal sealed class ReloadQueue : IDisposable
{
    private static readonly AsyncLocal<ReloadQueue?> Running = new();

    private readonly Func<CancellationToken, Task> _reload;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private Task _tail = Task.CompletedTask;
    private bool _disposed;

    /// <param name="reload">One reload; it reports its own outcome. Its exceptions are dropped.</param>
    public ReloadQueue(Func<CancellationToken, Task> reload) => _reload = reload;

    /// <summary>Cancelled by <see cref="Dispose"/>.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Queues one reload after those already queued and returns at once.</summary>
    public void Enqueue()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            // Not ExecuteSynchronously: the reload runs on the pool even when nothing is ahead of it.
            _tail = _tail.ContinueWith(_ => RunAsync(), CancellationToken.None, TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Stops: cancels the reload in progress and waits for it, unless called from inside it.</summary>
    public void Dispose()
    {
        Task tail;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            tail = _tail;
        }
        _stopping.Cancel();
        if (ReferenceEquals(Running.Value, this))
        {
            return; // the reload in progress is the caller; it ends when the caller returns
        }
        // Cancelled above, so this waits only for the reload to notice (RunAsync never faults).
        tail.Wait();
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        Running.Value = this;
        try
        {
            await _reload(_stopping.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a reload reports its own outcome; there is no caller to give a failure to, and the next reload must still run
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
