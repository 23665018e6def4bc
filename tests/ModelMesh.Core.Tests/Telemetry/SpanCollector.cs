using System.Collections.Concurrent;
using System.Diagnostics;
using ModelMesh.Telemetry;

namespace ModelMesh.Core.Tests.Telemetry;

/// <summary>
/// A real <see cref="ActivityListener"/> on the mesh's source that samples only the trace of a root activity it
/// starts (current for the test from here on), so tests running in parallel never see each other's spans.
/// </summary>
internal sealed class SpanCollector : IDisposable
{
    private readonly Activity _root;
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanCollector()
    {
        _root = new Activity("test-root").SetIdFormat(ActivityIdFormat.W3C).Start();
        var trace = _root.TraceId;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MeshTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == trace)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The test's root span: the parent of every request span.</summary>
    public Activity Root => _root;

    /// <summary>Every mesh span of the test's trace that has ended, in the order they ended.</summary>
    public IReadOnlyList<Activity> Stopped => _stopped.ToArray();

    /// <summary>The one ended request span (a child of the root).</summary>
    public Activity Request => Assert.Single(Stopped, a => a.ParentSpanId == _root.SpanId);

    /// <summary>The ended attempt spans of <paramref name="request"/>, by attempt number.</summary>
    public IReadOnlyList<Activity> AttemptsOf(Activity request) =>
        Stopped.Where(a => a.ParentSpanId == request.SpanId).OrderBy(a => (int)a.GetTagItem("modelmesh.attempt")!).ToArray();

    /// <summary>Every tag value of every ended span, as text.</summary>
    public IEnumerable<string> TagTexts => Stopped.SelectMany(a => a.TagObjects).Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);

    public void Dispose()
    {
        _listener.Dispose();
        _root.Stop();
    }
}

/// <summary>An <see cref="System.Diagnostics.Metrics.IMeterFactory"/> whose meters carry it as their scope, for <c>MetricCollector</c>s that see one mesh only.</summary>
internal sealed class TestMeterFactory : System.Diagnostics.Metrics.IMeterFactory
{
    private readonly ConcurrentBag<System.Diagnostics.Metrics.Meter> _meters = [];

    public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options)
    {
        var meter = new System.Diagnostics.Metrics.Meter(options.Name, options.Version, options.Tags, scope: this);
        _meters.Add(meter);
        return meter;
    }

    public Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(this, MeshTelemetry.MeterName, instrument);

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
