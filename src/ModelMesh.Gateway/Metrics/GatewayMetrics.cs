using System.Collections.Concurrent;
using ModelMesh.Gateway.Errors;

namespace ModelMesh.Gateway.Metrics;

/// <summary>
/// What the gateway counts: requests by route and status, latency per route, failovers, errors by class, requests
/// in flight. Tokens, cost and model states are read from the mesh when scraped. Written by hand as Prometheus text
/// (the registry's Prometheus exporters are pre-release); counters are lock-free.
/// </summary>
internal sealed class GatewayMetrics
{
    private static readonly int RouteCount = Enum.GetValues<Route>().Length;
    private static readonly int ErrorKindCount = Enum.GetValues<GatewayErrorKind>().Length;

    private readonly ConcurrentDictionary<(Route Route, int Status), StrongBox> _requests = new();
    private readonly LatencyHistogram[] _latency = Enumerable.Range(0, RouteCount).Select(_ => new LatencyHistogram()).ToArray();
    private readonly long[] _failovers = new long[RouteCount];
    private readonly long[] _errors = new long[ErrorKindCount];
    private long _inFlight;

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Finished(Route route, int status, TimeSpan elapsed)
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _requests.GetOrAdd((route, status), static _ => new StrongBox()).Value);
        _latency[(int)route].Record(elapsed);
    }

    public void FailedOver(Route route) => Interlocked.Increment(ref _failovers[(int)route]);

    public void Error(GatewayErrorKind kind) => Interlocked.Increment(ref _errors[(int)kind]);

    public long InFlight => Interlocked.Read(ref _inFlight);

    public IEnumerable<KeyValuePair<(Route Route, int Status), long>> Requests =>
        _requests.OrderBy(r => r.Key.Route).ThenBy(r => r.Key.Status).Select(r => KeyValuePair.Create(r.Key, Interlocked.Read(ref r.Value.Value)));

    public LatencyHistogram Latency(Route route) => _latency[(int)route];

    public long Failovers(Route route) => Interlocked.Read(ref _failovers[(int)route]);

    public long Errors(GatewayErrorKind kind) => Interlocked.Read(ref _errors[(int)kind]);

    /// <summary>A counter cell shared by reference, so increments need no dictionary update.</summary>
    private sealed class StrongBox
    {
        public long Value;
    }
}
