using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelMesh.Gateway.Errors;
using ModelMesh.Gateway.Http;
using ModelMesh.Gateway.Metrics;

namespace ModelMesh.Gateway.Endpoints;

/// <summary>
/// Runs one API call: times and counts it, and turns whatever it ends in into the answer — an OpenAI error body
/// while nothing has been sent, nothing at all when the client has gone (its cancellation is nobody's failure).
/// </summary>
internal static partial class Exchange
{
    /// <summary>The status counted for a client that went away before its answer was complete (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    public static async Task RunAsync(HttpContext http, GatewayContext gateway, Route route, Func<HttpContext, GatewayContext, RoutingOutcome, Task> body)
    {
        var started = Stopwatch.GetTimestamp();
        var metrics = gateway.Metrics;
        metrics.Started();
        var outcome = new RoutingOutcome();
        var status = 0;
        try
        {
            await body(http, gateway, outcome).ConfigureAwait(false);
            status = http.Response.StatusCode;
            if (outcome.ModelsTried > 1 && outcome.ModelId is not null)
            {
                metrics.FailedOver(route);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            status = ClientClosedRequest;
        }
        catch (Exception e)
        {
            var error = GatewayErrors.From(e, http.TraceIdentifier);
            metrics.Error(error.Kind);
            Log(gateway.Logger, http, error, e);
            status = (int)error.Status;
            if (!http.Response.HasStarted)
            {
                GatewayHeaders.ServedBy(http.Response, outcome);
                try
                {
                    await ErrorBody.WriteAsync(http, error).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
                {
                    status = ClientClosedRequest;
                }
            }
            else
            {
                // Headers are out and the endpoint could not finish its answer: cut the connection so the client
                // sees an incomplete answer, never a complete-looking one.
                http.Abort();
            }
        }
        finally
        {
            metrics.Finished(route, status, Stopwatch.GetElapsedTime(started));
        }
    }

    private static void Log(ILogger logger, HttpContext http, GatewayError error, Exception exception)
    {
        if (error.Kind == GatewayErrorKind.Internal)
        {
            LogInternal(logger, http.TraceIdentifier, http.Request.Path.Value, exception);
        }
        else if (error.Kind is GatewayErrorKind.UpstreamFailed or GatewayErrorKind.UpstreamTimeout or GatewayErrorKind.NoActiveModel or GatewayErrorKind.StreamInterrupted)
        {
            LogUpstream(logger, http.TraceIdentifier, (int)error.Status, error.Message);
        }
        else
        {
            LogRefused(logger, http.TraceIdentifier, (int)error.Status, error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} to {Path} failed inside the gateway")]
    private static partial void LogInternal(ILogger logger, string requestId, string? path, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: {Status} {Message}")]
    private static partial void LogUpstream(ILogger logger, string requestId, int status, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: {Status} {Message}")]
    private static partial void LogRefused(ILogger logger, string requestId, int status, string message);
}
