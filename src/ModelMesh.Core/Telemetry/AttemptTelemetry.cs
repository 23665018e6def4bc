using System.Diagnostics;
using ModelMesh.Routing;

namespace ModelMesh.Telemetry;

/// <summary>
/// The span and metrics of one upstream attempt, ended once by <see cref="Succeeded"/>, <see cref="Failed"/> or
/// <see cref="Cancelled"/>, then disposed. A value type: no allocation when nobody listens.
/// </summary>
internal readonly struct AttemptTelemetry : IDisposable
{
    private readonly MeshMetrics _metrics;
    private readonly Activity? _request;
    private readonly Activity? _span;
    private readonly string _operation;
    private readonly string _poolId;
    private readonly PoolMember _member;
    private readonly long _started;

    private AttemptTelemetry(MeshMetrics metrics, Activity? request, Activity? span, string operation, string poolId, PoolMember member)
    {
        _metrics = metrics;
        _request = request;
        _span = span;
        _operation = operation;
        _poolId = poolId;
        _member = member;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts attempt number <paramref name="attempt"/> (1-based, across every model of the request) on <paramref name="member"/>.</summary>
    public static AttemptTelemetry Start(MeshMetrics metrics, Activity? request, string operation, string poolId, PoolMember member, int attempt) =>
        new(metrics, request, MeshActivities.StartAttempt(request, operation, member, poolId, attempt), operation, poolId, member);

    /// <summary>The attempt answered: the attempt and the request it answers carry the response model and the tokens.</summary>
    public void Succeeded(Router.CallUsage usage)
    {
        MeshActivities.Answered(_span, usage.ResponseModel, usage.PromptTokens, usage.CompletionTokens);
        MeshActivities.Answered(_request, usage.ResponseModel, usage.PromptTokens, usage.CompletionTokens);
        _metrics.Attempted(_operation, _member, usage.ResponseModel, null, Stopwatch.GetElapsedTime(_started), usage.PromptTokens, usage.CompletionTokens);
    }

    /// <summary>The attempt failed with <paramref name="error"/>; <paramref name="used"/> is what it consumed (a stream cut part-way).</summary>
    public void Failed(Exception error, CancellationToken cancellationToken, Router.CallUsage used = default) =>
        Ended(ErrorTypes.Of(error, cancellationToken), used);

    /// <summary>The caller cancelled the attempt or stopped reading its stream: not the model's failure.</summary>
    public void Cancelled(Router.CallUsage used) => Ended(TelemetryNames.Cancelled, used);

    /// <summary>The request moves on to another model because of this attempt's failure.</summary>
    public void FailedOver(ProviderErrorCategory reason)
    {
        if (_span is { IsAllDataRequested: true })
        {
            _span.SetTag(TelemetryNames.FailoverReason, ErrorTypes.Of(reason));
        }
        _metrics.FailedOver(_poolId, _member, reason);
    }

    /// <summary>A streamed attempt received its first chunk.</summary>
    public void FirstChunk(string? responseModel)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        if (_span is { IsAllDataRequested: true })
        {
            _span.SetTag(TelemetryNames.TimeToFirstChunk, elapsed.TotalSeconds);
        }
        _metrics.FirstChunk(_operation, _member, responseModel, elapsed);
    }

    private void Ended(string errorType, Router.CallUsage used)
    {
        MeshActivities.Failed(_span, errorType);
        var tokens = used.PromptTokens + used.CompletionTokens > 0;
        if (tokens)
        {
            MeshActivities.Answered(_span, used.ResponseModel, used.PromptTokens, used.CompletionTokens);
        }
        _metrics.Attempted(_operation, _member, used.ResponseModel, errorType, Stopwatch.GetElapsedTime(_started),
            tokens ? used.PromptTokens : null, tokens ? used.CompletionTokens : null);
    }

    public void Dispose() => _span?.Dispose();
}
