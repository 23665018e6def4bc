using System.Diagnostics;
using System.Diagnostics.Metrics;
using ModelMesh.Routing;

namespace ModelMesh.Telemetry;

/// <summary>
/// One mesh's instruments on a <see cref="Meter"/> named <see cref="MeshTelemetry.MeterName"/>: from the
/// application's <see cref="IMeterFactory"/> when it gives one (the factory owns the meter), else the mesh's own,
/// disposed with the mesh. Lives as long as the client, across configuration reloads. Every method returns at
/// once, with nothing allocated, when nobody listens to the instrument.
/// </summary>
internal sealed class MeshMetrics : IDisposable
{
    // The GenAI conventions' advised buckets: durations from 10 ms doubling to 82 s, tokens from 1 by powers of 4.
    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    private static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _duration;
    private readonly Histogram<long> _tokens;
    private readonly Histogram<double> _timeToFirstChunk;
    private readonly Counter<long> _failovers;
    private readonly Counter<long> _deactivations;
    private readonly Counter<double> _spent;
    private Func<MeshRuntime?>? _runtime;

    public MeshMetrics(IMeterFactory? factory)
    {
        var version = typeof(MeshMetrics).Assembly.GetName().Version?.ToString();
        _ownsMeter = factory is null;
        _meter = factory?.Create(new MeterOptions(MeshTelemetry.MeterName) { Version = version }) ?? new Meter(MeshTelemetry.MeterName, version);
        _duration = _meter.CreateHistogram(MeshTelemetry.Instruments.OperationDuration, "s", "GenAI operation duration: one upstream call.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _tokens = _meter.CreateHistogram(MeshTelemetry.Instruments.TokenUsage, "{token}", "Input and output tokens of one upstream call.",
            tags: null, advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });
        _timeToFirstChunk = _meter.CreateHistogram(MeshTelemetry.Instruments.TimeToFirstChunk, "s", "Time from sending a streamed upstream call to its first chunk.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _failovers = _meter.CreateCounter<long>(MeshTelemetry.Instruments.Failovers, "{failover}", "Requests that moved from one model to the next.");
        _deactivations = _meter.CreateCounter<long>(MeshTelemetry.Instruments.Deactivations, "{deactivation}", "Models put on standby.");
        _spent = _meter.CreateCounter<double>(MeshTelemetry.Instruments.BudgetSpent, "USD", "Money spent on upstream calls.");
        _meter.CreateObservableGauge(MeshTelemetry.Instruments.ActiveModels, ObserveActiveModels, "{model}", "Active models of each pool.");
    }

    /// <summary>Where the active-models gauge reads the current runtime from (null once the mesh is gone).</summary>
    public void Observe(Func<MeshRuntime?> runtime) => _runtime = runtime;

    /// <summary>Records one finished upstream call: its duration and, when known, its tokens.</summary>
    public void Attempted(string operation, PoolMember member, string? responseModel, string? errorType, TimeSpan elapsed, long? inputTokens, long? outputTokens)
    {
        if (_duration.Enabled)
        {
            var tags = AttemptTags(operation, member, responseModel);
            if (errorType is not null)
            {
                tags.Add(TelemetryNames.ErrorType, errorType);
            }
            _duration.Record(elapsed.TotalSeconds, tags);
        }
        if (_tokens.Enabled)
        {
            if (inputTokens is long input)
            {
                var tags = AttemptTags(operation, member, responseModel);
                tags.Add(TelemetryNames.TokenType, TelemetryNames.Input);
                _tokens.Record(input, tags);
            }
            if (outputTokens is long output)
            {
                var tags = AttemptTags(operation, member, responseModel);
                tags.Add(TelemetryNames.TokenType, TelemetryNames.Output);
                _tokens.Record(output, tags);
            }
        }
    }

    /// <summary>Records how long a streamed upstream call took to send its first chunk.</summary>
    public void FirstChunk(string operation, PoolMember member, string? responseModel, TimeSpan elapsed)
    {
        if (_timeToFirstChunk.Enabled)
        {
            _timeToFirstChunk.Record(elapsed.TotalSeconds, AttemptTags(operation, member, responseModel));
        }
    }

    /// <summary>Counts a request moving on from a model that failed it.</summary>
    public void FailedOver(string poolId, PoolMember member, ProviderErrorCategory reason)
    {
        if (_failovers.Enabled)
        {
            _failovers.Add(1, new TagList
            {
                { TelemetryNames.Pool, poolId },
                { TelemetryNames.Model, member.Model.Id },
                { TelemetryNames.ProviderName, member.Model.ProviderId },
                { TelemetryNames.FailoverReason, ErrorTypes.Of(reason) },
            });
        }
    }

    /// <summary>Counts a model put on standby.</summary>
    public void Deactivated(ModelDefinition model, DeactivationReason reason)
    {
        if (_deactivations.Enabled)
        {
            _deactivations.Add(1, new TagList
            {
                { TelemetryNames.Model, model.Id },
                { TelemetryNames.ProviderName, model.ProviderId },
                { TelemetryNames.DeactivationReason, ErrorTypes.Of(reason) },
            });
        }
    }

    /// <summary>Adds money spent on a model.</summary>
    public void Spent(string modelId, string providerId, decimal cost)
    {
        if (cost > 0m && _spent.Enabled)
        {
            _spent.Add((double)cost, new TagList
            {
                { TelemetryNames.Model, modelId },
                { TelemetryNames.ProviderName, providerId },
            });
        }
    }

    private static TagList AttemptTags(string operation, PoolMember member, string? responseModel)
    {
        var tags = new TagList
        {
            { TelemetryNames.OperationName, operation },
            { TelemetryNames.ProviderName, member.Model.ProviderId },
            { TelemetryNames.RequestModel, member.Model.WireModel },
        };
        if (!string.IsNullOrEmpty(responseModel))
        {
            tags.Add(TelemetryNames.ResponseModel, responseModel);
        }
        return tags;
    }

    private IEnumerable<Measurement<int>> ObserveActiveModels()
    {
        if (_runtime?.Invoke() is not { } runtime)
        {
            return [];
        }
        var measurements = new List<Measurement<int>>();
        foreach (var pool in runtime.Pools)
        {
            var active = 0;
            foreach (var member in pool.Members)
            {
                active += member.Health.IsActive ? 1 : 0;
            }
            measurements.Add(new Measurement<int>(active, new KeyValuePair<string, object?>(TelemetryNames.Pool, pool.Id)));
        }
        return measurements;
    }

    public void Dispose()
    {
        _runtime = null;
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
