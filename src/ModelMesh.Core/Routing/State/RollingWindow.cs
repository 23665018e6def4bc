namespace ModelMesh.Routing;

/// <summary>
/// The most recent values of a series, oldest overwritten first. Not thread-safe; the owner locks. Statistics
/// are cached until the next value arrives, because the router reads every candidate's state on every request
/// while values change only when a request ends.
/// </summary>
internal sealed class RollingWindow(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private int _next;
    private (int Window, double? Mean, double? P95)? _cached;

    [ThreadStatic]
    private static double[]? _scratch;

    public int Count { get; private set; }

    public void Add(double value)
    {
        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        Count = Math.Min(Count + 1, _values.Length);
        _cached = null;
    }

    public void Clear()
    {
        _next = 0;
        Count = 0;
        _cached = null;
    }

    /// <summary>The mean of the newest <paramref name="window"/> values (or fewer); null when empty.</summary>
    public double? Mean(int window) => Stats(window).Mean;

    /// <summary>The 95th percentile of the newest <paramref name="window"/> values; null when empty.</summary>
    public double? P95(int window) => Stats(window).P95;

    private (int Window, double? Mean, double? P95) Stats(int window)
    {
        if (_cached is { } cached && cached.Window == window)
        {
            return cached;
        }
        var take = Math.Min(Math.Max(window, 1), Count);
        if (take == 0)
        {
            return (window, null, null);
        }
        // Copied into a scratch buffer of the calling thread (the owner's lock is held): sorting for the
        // percentile must not reorder the window, and a new array per read would be an allocation per request.
        if (_scratch is null || _scratch.Length < _values.Length)
        {
            _scratch = new double[_values.Length];
        }
        var latest = _scratch.AsSpan(0, take);
        var sum = 0.0;
        for (var i = 0; i < take; i++)
        {
            var value = _values[(_next - 1 - i + _values.Length) % _values.Length];
            latest[i] = value;
            sum += value;
        }
        var mean = sum / take;
        latest.Sort();
        var rank = (int)Math.Ceiling(0.95 * take) - 1;
        var stats = (window, (double?)mean, (double?)latest[Math.Clamp(rank, 0, take - 1)]);
        _cached = stats;
        return stats;
    }
}
