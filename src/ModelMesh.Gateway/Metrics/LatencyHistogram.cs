namespace ModelMesh.Gateway.Metrics;

/// <summary>A Prometheus histogram of request durations with fixed buckets, updated lock-free.</summary>
internal sealed class LatencyHistogram
{
    /// <summary>Upper bounds in seconds: from a cached answer to a long stream.</summary>
    public static readonly double[] Bounds = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly long[] _buckets = new long[Bounds.Length];
    private long _count;
    private long _sumMicroseconds;

    public void Record(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        for (var i = 0; i < Bounds.Length; i++)
        {
            if (seconds <= Bounds[i])
            {
                Interlocked.Increment(ref _buckets[i]);
                break;
            }
        }
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicroseconds, (long)(elapsed.Ticks / 10));
    }

    /// <summary>Cumulative counts per bound (as Prometheus wants them), the total count and the sum in seconds.</summary>
    public (long[] Cumulative, long Count, double SumSeconds) Read()
    {
        var cumulative = new long[Bounds.Length];
        long running = 0;
        for (var i = 0; i < Bounds.Length; i++)
        {
            running += Interlocked.Read(ref _buckets[i]);
            cumulative[i] = running;
        }
        return (cumulative, Interlocked.Read(ref _count), Interlocked.Read(ref _sumMicroseconds) / 1_000_000d);
    }
}
