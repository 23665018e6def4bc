namespace ModelMesh.Routing;

/// <summary>
/// The most recent values of a series, oldest overwritten first. Not thread-safe; the owner locks. The mean of the
/// window last asked for is kept up to date as values arrive (a running sum: one add and one subtract per value),
/// because the router reads it on every request that follows a change; the percentile, which needs a sort, is
/// computed on demand and cached until the next value.
/// </summary>
internal sealed class RollingWindow(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private int _next;
    private (int Window, double? P95)? _cachedP95;

    // The running sum over the newest _sumTake values, for the window _sumWindow (0: none kept yet).
    private int _sumWindow;
    private int _sumTake;
    private double _sum;
    private int _addsSinceResum;

    [ThreadStatic]
    private static double[]? _scratch;

    public int Count { get; private set; }

    public void Add(double value)
    {
        if (_sumWindow > 0)
        {
            var take = Math.Min(Math.Max(_sumWindow, 1), _values.Length);
            if (_sumTake == take)
            {
                // The value that falls out of the window (written 'take' values ago) leaves the sum.
                // (take <= capacity, so one wrap at most: no division on every value.)
                var leaving = _next - take;
                _sum -= _values[leaving < 0 ? leaving + _values.Length : leaving];
            }
            else
            {
                _sumTake++;
            }
            _sum += value;
        }
        _values[_next] = value;
        _next = _next + 1 == _values.Length ? 0 : _next + 1;
        Count = Math.Min(Count + 1, _values.Length);
        _cachedP95 = null;
        if (++_addsSinceResum >= _values.Length)
        {
            _sumWindow = 0; // summed afresh on the next read, so rounding does not drift
        }
    }

    public void Clear()
    {
        _next = 0;
        Count = 0;
        _cachedP95 = null;
        _sumWindow = 0;
    }

    /// <summary>The mean of the newest <paramref name="window"/> values (or fewer); null when empty.</summary>
    public double? Mean(int window)
    {
        var take = Math.Min(Math.Max(window, 1), Count);
        if (take == 0)
        {
            return null;
        }
        if (_sumWindow != window || _sumTake != take)
        {
            var sum = 0.0;
            for (var i = 0; i < take; i++)
            {
                sum += _values[(_next - 1 - i + _values.Length) % _values.Length];
            }
            _sum = sum;
            _sumTake = take;
            _sumWindow = window;
            _addsSinceResum = 0;
        }
        return _sum / take;
    }

    /// <summary>The 95th percentile of the newest <paramref name="window"/> values; null when empty.</summary>
    public double? P95(int window)
    {
        if (_cachedP95 is { } cached && cached.Window == window)
        {
            return cached.P95;
        }
        var take = Math.Min(Math.Max(window, 1), Count);
        if (take == 0)
        {
            return null;
        }
        // Copied into a scratch buffer of the calling thread (the owner's lock is held): sorting for the
        // percentile must not reorder the window, and a new array per read would be an allocation per request.
        if (_scratch is null || _scratch.Length < _values.Length)
        {
            _scratch = new double[_values.Length];
        }
        var latest = _scratch.AsSpan(0, take);
        for (var i = 0; i < take; i++)
        {
            latest[i] = _values[(_next - 1 - i + _values.Length) % _values.Length];
        }
        latest.Sort();
        var rank = (int)Math.Ceiling(0.95 * take) - 1;
        var p95 = latest[Math.Clamp(rank, 0, take - 1)];
        _cachedP95 = (window, p95);
        return p95;
    }
}
