using System.Diagnostics;
using System.Globalization;

namespace ModelMesh.Benchmarks.Gateway;

/// <summary>
/// Per-request times (Stopwatch ticks) taken inside the benchmark's own async loop, kept in a fixed array (no
/// allocation per sample) and summarized as percentiles when a case ends. BenchmarkDotNet's own statistics are
/// over iterations of many requests; these are over single requests.
/// </summary>
internal sealed class LatencySamples(string what)
{
    private readonly long[] _ticks = new long[1 << 20];
    private int _count;

    public void Add(long ticks)
    {
        var i = Interlocked.Increment(ref _count) - 1;
        if (i < _ticks.Length)
        {
            _ticks[i] = ticks;
        }
    }

    public void Reset() => _count = 0;

    /// <summary>"n requests: what mean, p50, p99 in µs".</summary>
    public string Summary()
    {
        var n = Math.Min(_count, _ticks.Length);
        if (n == 0)
        {
            return what + ": no samples";
        }
        var sorted = _ticks.AsSpan(0, n).ToArray();
        Array.Sort(sorted);
        static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
        var mean = sorted.Average(t => Micros(t));
        return string.Create(CultureInfo.InvariantCulture,
            $"{n} requests: {what} mean {mean:F1} µs, p50 {Micros(sorted[(n - 1) / 2]):F1} µs, p99 {Micros(sorted[(int)Math.Ceiling(n * 0.99) - 1]):F1} µs");
    }
}
