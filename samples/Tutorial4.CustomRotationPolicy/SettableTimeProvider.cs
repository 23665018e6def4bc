namespace Tutorial4;

/// <summary>A clock the sample sets by hand; timers and stopwatches stay real.</summary>
internal sealed class SettableTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves the clock to <paramref name="at"/>.</summary>
    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref _utcTicks, at.UtcTicks);
}
