using Microsoft.Extensions.Logging;

namespace ModelMesh.Routing;

/// <summary>
/// What the mesh logs, as source-generated messages with stable event ids (1000s: routing; 1100s: health; 1200s:
/// budget; 1300s: configuration; 1400s: model discovery). Only ids, classes, counts and times: never a key or a header, and message content
/// only in the trace-level 1004 and 1005, which are written only when the mesh was built with <c>LogContent</c> on.
/// </summary>
internal static partial class MeshLog
{
    /// <summary>The logger category every mesh message uses.</summary>
    public const string Category = "ModelMesh";

    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Pool {PoolId} routes to {ModelId} ({Strategy})")]
    public static partial void Routed(ILogger logger, string poolId, string modelId, string strategy);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Retrying {ModelId} in pool {PoolId} after attempt {Attempt} failed ({ErrorClass}, status {Status}); waiting {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string modelId, string poolId, int attempt, ProviderErrorCategory errorClass, int? status, long delayMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Failing over from {ModelId} in pool {PoolId} ({ErrorClass}, status {Status})")]
    public static partial void FailingOver(ILogger logger, string modelId, string poolId, ProviderErrorCategory errorClass, int? status);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "A stream from {ModelId} in pool {PoolId} was interrupted after about {Tokens} token(s) of output ({ErrorClass})")]
    public static partial void StreamInterrupted(ILogger logger, string modelId, string poolId, int tokens, ProviderErrorCategory? errorClass);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Trace, Message = "Pool {PoolId} was asked: {Prompt}")]
    public static partial void Prompt(ILogger logger, string poolId, string prompt);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Trace, Message = "{ModelId} answered in pool {PoolId}: {Answer}")]
    public static partial void Answer(ILogger logger, string modelId, string poolId, string answer);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "{ModelId} is on standby ({Reason}) until {Until}")]
    public static partial void Deactivated(ILogger logger, string modelId, DeactivationReason reason, DateTimeOffset? until);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "{ModelId} is active again (probation: {Probation})")]
    public static partial void Recovered(ILogger logger, string modelId, bool probation);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Provider {ProviderId} rejected its credentials: its models are on standby until reactivated")]
    public static partial void ProviderDeactivated(ILogger logger, string providerId);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Budget limit '{LimitType}' refused a request to pool {PoolId}; nothing was sent")]
    public static partial void BudgetRefused(ILogger logger, string limitType, string poolId);

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Configuration reloaded from {Source}")]
    public static partial void ReloadApplied(ILogger logger, string source);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "Configuration reload from {Source} rejected; the running set-up stays: {Problem}")]
    public static partial void ReloadRejected(ILogger logger, string source, string problem);

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Model discovery of provider {ProviderId} found {Count} model(s) to route to")]
    public static partial void ModelsDiscovered(ILogger logger, string providerId, int count);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Model discovery of provider {ProviderId} failed ({ErrorClass}); it keeps the models it had, next try not before {RetryAt}: {Reason}")]
    public static partial void DiscoveryFailed(ILogger logger, string providerId, ProviderErrorCategory? errorClass, DateTimeOffset retryAt, string reason);
}
