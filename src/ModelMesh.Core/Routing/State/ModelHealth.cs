namespace ModelMesh.Routing;

/// <summary>
/// The live, thread-safe counters behind a model's <see cref="ModelState"/>. One instance per model, shared by
/// every pool the model is in, so a model that fails in one pool is cooled down in all of them.
/// </summary>
internal sealed class ModelHealth(ModelDefinition definition)
{
    private const int WindowCapacity = 256;
    private const double EwmaWeight = 0.2;

    private readonly object _gate = new();
    private readonly RollingWindow _outcomes = new(WindowCapacity); // 1 = failure, 0 = success
    private readonly RollingWindow _latencies = new(WindowCapacity);
    private ModelStatus _status = ModelStatus.Active;
    private DeactivationReason? _reason;
    private DateTimeOffset? _cooldownUntil;
    private bool _probation;
    private int _consecutiveFailures;
    private long _requests;
    private long _failures;
    private int _inFlight;
    private long _totalTokens;
    private decimal _totalCost;
    private double? _ewma;
    private DateTimeOffset? _lastFailure;
    private DateTimeOffset? _lastSuccess;
    private DateTimeOffset? _deactivatedAt;
    private TimeSpan _standbySinceSuccess;
    private DateOnly _day;
    private long _requestsToday;
    private long _tokensToday;
    private decimal _costToday;

    // Every change bumps the version; the snapshot taken at a version serves every read until the next change,
    // so routing reads a pool of unchanged models without building a record per member per request.
    private long _version;
    private ModelState? _current;
    private long _currentVersion;
    private int _currentErrorRateWindow;
    private int _currentLatencyWindow;

    private volatile ModelDefinition _definition = definition;

    /// <summary>The model's definition; a configuration reload that keeps the model replaces it.</summary>
    public ModelDefinition Definition
    {
        get => _definition;
        set => _definition = value;
    }

    public string ModelId => Definition.Id;

    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _status == ModelStatus.Active;
            }
        }
    }

    /// <summary>Counts a request as started (for in-flight and daily request counts).</summary>
    public void BeginRequest(DateTimeOffset now)
    {
        lock (_gate)
        {
            RollDay(now);
            _version++;
            _inFlight++;
            _requests++;
            _requestsToday++;
        }
    }

    public void RecordSuccess(DateTimeOffset now, TimeSpan latency, long tokens, decimal cost)
    {
        lock (_gate)
        {
            RollDay(now);
            _version++;
            _inFlight = Math.Max(0, _inFlight - 1);
            _consecutiveFailures = 0;
            _probation = false;
            _outcomes.Add(0);
            var ms = latency.TotalMilliseconds;
            _latencies.Add(ms);
            _ewma = _ewma is double previous ? previous + (EwmaWeight * (ms - previous)) : ms;
            _lastSuccess = now;
            _standbySinceSuccess = TimeSpan.Zero;
            AddUsageLocked(tokens, cost);
        }
    }

    /// <summary>Counts a failed attempt; <paramref name="countsAgainstModel"/> is false for failures the request caused.</summary>
    public void RecordFailure(DateTimeOffset now, bool countsAgainstModel, long tokens = 0, decimal cost = 0m)
    {
        lock (_gate)
        {
            RollDay(now);
            _version++;
            _inFlight = Math.Max(0, _inFlight - 1);
            AddUsageLocked(tokens, cost);
            if (!countsAgainstModel)
            {
                return;
            }
            _failures++;
            _consecutiveFailures++;
            _outcomes.Add(1);
            _lastFailure = now;
        }
    }

    /// <summary>Puts the model on standby at <paramref name="now"/>; returns false when it already was.</summary>
    public bool Deactivate(DeactivationReason reason, DateTimeOffset? until, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_status == ModelStatus.Standby)
            {
                // A longer wait (a Retry-After beyond the cooldown) extends it; a manual or auth stop stays.
                if (until is not null && _cooldownUntil is not null && until > _cooldownUntil)
                {
                    _version++;
                    _cooldownUntil = until;
                }
                return false;
            }
            _version++;
            _status = ModelStatus.Standby;
            _reason = reason;
            _cooldownUntil = until;
            _deactivatedAt = now;
            return true;
        }
    }

    /// <summary>
    /// Brings the model back. After a cooldown it is on probation: its next failure deactivates it again. The
    /// error-rate window starts afresh: the rate that deactivated the model belongs to the previous activation.
    /// </summary>
    public bool Reactivate(bool probation, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_status == ModelStatus.Active)
            {
                return false;
            }
            _version++;
            _status = ModelStatus.Active;
            _reason = null;
            _cooldownUntil = null;
            _probation = probation;
            if (_deactivatedAt is DateTimeOffset since && now > since)
            {
                // Time on standby is time without traffic: no evidence either way of whether the model answers.
                _standbySinceSuccess += now - since;
            }
            _deactivatedAt = null;
            _consecutiveFailures = 0;
            _outcomes.Clear();
            return true;
        }
    }

    /// <summary>A new record of the model's state at <paramref name="now"/> (for <c>Explain</c>, status and failure handling).</summary>
    public ModelState Snapshot(DateTimeOffset now, int errorRateWindow, int latencyWindow)
    {
        lock (_gate)
        {
            RollDay(now);
            return SnapshotLocked(now, errorRateWindow, latencyWindow);
        }
    }

    /// <summary>
    /// The model's state for routing: the record taken at the last change, shared by every read until the next one
    /// (no allocation for a model that did not change). Its <see cref="ModelState.ActiveTimeSinceSuccess"/> is as
    /// of that change; <see cref="ActiveTimeSinceSuccess"/> reads it at a given time.
    /// </summary>
    public ModelState Current(DateTimeOffset now, int errorRateWindow, int latencyWindow)
    {
        lock (_gate)
        {
            RollDay(now);
            if (_current is { } current && _currentVersion == _version && _currentErrorRateWindow == errorRateWindow
                && _currentLatencyWindow == latencyWindow && ReferenceEquals(current.Definition, Definition))
            {
                return current;
            }
            _current = SnapshotLocked(now, errorRateWindow, latencyWindow);
            _currentVersion = _version;
            _currentErrorRateWindow = errorRateWindow;
            _currentLatencyWindow = latencyWindow;
            return _current;
        }
    }

    /// <summary>The number of the model's last change (read without the lock): figures read at it are still current.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>
    /// Reads the figures the built-in policies route on into <paramref name="figures"/>, under the lock, with the
    /// version they are current at. The latency mean is computed only when <paramref name="latencyWindow"/> is positive.
    /// </summary>
    public void Read(DateTimeOffset now, int errorRateWindow, int latencyWindow, ref HealthFigures figures)
    {
        lock (_gate)
        {
            RollDay(now);
            figures.Definition = Definition;
            figures.Status = _status;
            figures.DeactivationReason = _reason;
            figures.CooldownUntil = _cooldownUntil;
            figures.ConsecutiveFailures = _consecutiveFailures;
            figures.OnProbation = _probation;
            figures.ErrorRate = _outcomes.Mean(errorRateWindow) ?? 0;
            figures.ErrorRateSamples = Math.Min(_outcomes.Count, Math.Max(errorRateWindow, 1));
            figures.InFlight = _inFlight;
            figures.RequestsToday = _requestsToday;
            figures.TokensToday = _tokensToday;
            figures.CostToday = _costToday;
            figures.TotalCost = _totalCost;
            figures.TotalCostAsDouble = (double)_totalCost;
            figures.LatencyAverageMs = latencyWindow > 0 ? _latencies.Mean(latencyWindow) : null;
            figures.Version = _version;
            figures.Day = _day;
        }
    }

    /// <summary>How long the model has been active since its last success, at <paramref name="now"/>; null when it never succeeded.</summary>
    public TimeSpan? ActiveTimeSinceSuccess(DateTimeOffset now)
    {
        lock (_gate)
        {
            return ActiveTimeSinceSuccessLocked(now);
        }
    }

    private ModelState SnapshotLocked(DateTimeOffset now, int errorRateWindow, int latencyWindow)
    {
        return new ModelState
        {
            ModelId = Definition.Id,
            ProviderId = Definition.ProviderId,
            Definition = Definition,
            Status = _status,
            ConsecutiveFailures = _consecutiveFailures,
            ErrorRate = _outcomes.Mean(errorRateWindow) ?? 0,
            ErrorRateSamples = Math.Min(_outcomes.Count, Math.Max(errorRateWindow, 1)),
            Requests = _requests,
            Failures = _failures,
            InFlight = _inFlight,
            RequestsToday = _requestsToday,
            TokensToday = _tokensToday,
            CostToday = _costToday,
            TotalTokens = _totalTokens,
            TotalCost = _totalCost,
            LatencyEwmaMs = _ewma,
            LatencyAverageMs = _latencies.Mean(latencyWindow),
            LatencyP95Ms = _latencies.P95(latencyWindow),
            CooldownUntil = _cooldownUntil,
            DeactivationReason = _reason,
            LastFailureAt = _lastFailure,
            LastSuccessAt = _lastSuccess,
            ActiveTimeSinceSuccess = ActiveTimeSinceSuccessLocked(now),
            OnProbation = _probation,
        };
    }

    private TimeSpan? ActiveTimeSinceSuccessLocked(DateTimeOffset now)
    {
        if (_lastSuccess is not DateTimeOffset success)
        {
            return null;
        }
        var standby = _standbySinceSuccess;
        if (_status == ModelStatus.Standby && _deactivatedAt is DateTimeOffset since && now > since)
        {
            standby += now - since;
        }
        var active = now - success - standby;
        return active > TimeSpan.Zero ? active : TimeSpan.Zero;
    }

    private void AddUsageLocked(long tokens, decimal cost)
    {
        _totalTokens += tokens;
        _tokensToday += tokens;
        _totalCost += cost;
        _costToday += cost;
    }

    private void RollDay(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today != _day)
        {
            _version++;
            _day = today;
            _requestsToday = 0;
            _tokensToday = 0;
            _costToday = 0m;
        }
    }
}
