using System.Threading.RateLimiting;

namespace ModelMesh.Gateway.Security;

/// <summary>
/// A token bucket per client (per bearer token, or per address without authentication): a steady rate of
/// requests per minute with a burst above it. A refused request learns when the next permit comes.
/// </summary>
internal sealed class ClientRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ClientRateLimiter(int requestsPerMinute, int burst)
    {
        // One permit back every 1/rate of a minute (at most a thousand a second), so a refused client waits
        // for one permit, not for the rest of a minute.
        PerPermit = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerMinute / requestsPerMinute));
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = (int)Math.Max(1, requestsPerMinute / 60_000L),
            ReplenishmentPeriod = PerPermit,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => options), StringComparer.Ordinal);
    }

    private TimeSpan PerPermit { get; }

    /// <summary>Takes a permit for <paramref name="client"/>; null when granted, else how long to wait.</summary>
    public TimeSpan? TryAcquire(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : PerPermit;
    }

    public void Dispose() => _limiter.Dispose();
}
