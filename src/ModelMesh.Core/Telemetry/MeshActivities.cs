using System.Diagnostics;
using ModelMesh.Routing;

namespace ModelMesh.Telemetry;

/// <summary>
/// The mesh's spans, following the GenAI conventions (name <c>{gen_ai.operation.name} {gen_ai.request.model}</c>,
/// kind Client): one per routed request and, under it, one per upstream attempt. Nothing is created or allocated
/// when no listener samples the source.
/// </summary>
internal static class MeshActivities
{
    public static readonly ActivitySource Source = new(MeshTelemetry.ActivitySourceName, typeof(MeshActivities).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// Starts the span of a routed request, under the caller's current activity. Its request model is what the
    /// caller asked for (a pool, capability, alias or model), its provider the mesh itself.
    /// </summary>
    public static Activity? StartRequest(RoutingPool pool, string operation, string? requestedModel)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        var model = requestedModel ?? pool.Id;
        var span = Source.StartActivity(operation + " " + model, ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryNames.OperationName, operation);
            span.SetTag(TelemetryNames.ProviderName, TelemetryNames.MeshProvider);
            span.SetTag(TelemetryNames.RequestModel, model);
            span.SetTag(TelemetryNames.Pool, pool.Id);
            span.SetTag(TelemetryNames.Strategy, pool.Policy.Id);
        }
        return span;
    }

    /// <summary>
    /// Starts the span of one upstream attempt as a child of <paramref name="request"/> (given explicitly: a
    /// stream's iterator resumes on its caller's context, where the request span is not current).
    /// </summary>
    public static Activity? StartAttempt(Activity? request, string operation, PoolMember member, string poolId, int attempt)
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        var model = member.Model;
        var span = Source.StartActivity(operation + " " + model.WireModel, ActivityKind.Client, request?.Context ?? default);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryNames.OperationName, operation);
            span.SetTag(TelemetryNames.ProviderName, model.ProviderId);
            span.SetTag(TelemetryNames.RequestModel, model.WireModel);
            span.SetTag(TelemetryNames.Model, model.Id);
            span.SetTag(TelemetryNames.Pool, poolId);
            span.SetTag(TelemetryNames.Attempt, attempt);
            if (member.Provider.Options.BaseUrl is { IsAbsoluteUri: true } url && !url.Host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase))
            {
                span.SetTag(TelemetryNames.ServerAddress, url.Host);
                span.SetTag(TelemetryNames.ServerPort, url.Port);
            }
        }
        if (request is { IsAllDataRequested: true })
        {
            request.SetTag(TelemetryNames.Attempts, attempt);
        }
        return span;
    }

    /// <summary>Marks a span as answered: the model the upstream named (<paramref name="responseModel"/>) and the tokens.</summary>
    public static void Answered(Activity? span, string? responseModel, long inputTokens, long outputTokens)
    {
        if (span is not { IsAllDataRequested: true })
        {
            return;
        }
        if (!string.IsNullOrEmpty(responseModel))
        {
            span.SetTag(TelemetryNames.ResponseModel, responseModel);
        }
        span.SetTag(TelemetryNames.InputTokens, inputTokens);
        span.SetTag(TelemetryNames.OutputTokens, outputTokens);
    }

    /// <summary>
    /// Marks a span as ended by <paramref name="errorType"/>: status Error, except for a caller's cancellation,
    /// which is nobody's failure. Never the error's message (it may carry upstream text).
    /// </summary>
    public static void Failed(Activity? span, string errorType)
    {
        if (span is null)
        {
            return;
        }
        span.SetTag(TelemetryNames.ErrorType, errorType);
        if (errorType != TelemetryNames.Cancelled)
        {
            span.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>
    /// Marks a request span as failed with whatever escaped the router; returns false, to be used as an
    /// exception filter that lets the exception pass untouched.
    /// </summary>
    public static bool RequestFailed(Activity? span, Exception error, CancellationToken cancellationToken)
    {
        Failed(span, ErrorTypes.Of(error, cancellationToken));
        return false;
    }
}
