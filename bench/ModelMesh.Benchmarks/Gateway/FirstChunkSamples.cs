using System.Diagnostics;
using System.Globalization;

namespace ModelMesh.Benchmarks.Gateway;

/// <summary>Times to first chunk, kept in a fixed array (no allocation per sample), summarized as percentiles.</summary>
internal sealed class FirstChunkSamples
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

    /// <summary>"n samples: mean, p50, p99 in µs".</summary>
    public string Summary()
    {
        var n = Math.Min(_count, _ticks.Length);
        if (n == 0)
        {
            return "no samples";
        }
        var sorted = _ticks.AsSpan(0, n).ToArray();
        Array.Sort(sorted);
        double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
        var mean = sorted.Average(t => Micros(t));
        return string.Create(CultureInfo.InvariantCulture,
            $"{n} streams: time to first chunk (over HTTP: first body bytes) mean {mean:F1} µs, p50 {Micros(sorted[n / 2]):F1} µs, p99 {Micros(sorted[Math.Min(n - 1, (int)(n * 0.99))]):F1} µs");
    }
}
