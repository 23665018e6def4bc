namespace ModelMesh.Routing;

/// <summary>The most recent values of a series, oldest overwritten first. Not thread-safe; the owner locks.</summary>
internal sealed class RollingWindow(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private int _next;

    public int Count { get; private set; }

    public void Add(double value)
    {
        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        Count = Math.Min(Count + 1, _values.Length);
    }

    public void Clear()
    {
        _next = 0;
        Count = 0;
    }

    /// <summary>The newest <paramref name="window"/> values (or fewer), newest first.</summary>
    public IEnumerable<double> Latest(int window)
    {
        var take = Math.Min(Math.Max(window, 1), Count);
        for (var i = 1; i <= take; i++)
        {
            yield return _values[(_next - i + _values.Length) % _values.Length];
        }
    }

    public double? Mean(int window)
    {
        if (Count == 0)
        {
            return null;
        }
        return Latest(window).Average();
    }

    public double? Percentile(int window, double percentile)
    {
        if (Count == 0)
        {
            return null;
        }
        var sorted = Latest(window).Order().ToArray();
        var rank = (int)Math.Ceiling(percentile * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
