using System.Globalization;
using ModelMesh.Cdk;

namespace ModelMesh.Routing;

/// <summary>
/// Decides, before scoring, whether a pool member can take a request: active, serving the operation, fitting
/// the context window and output limit, supporting the features used, not yet failed for this request, and
/// within budget. Returns the reason in words when it cannot.
/// </summary>
internal static class CandidateFilter
{
    private static readonly (ModelFeatures Feature, string Name)[] FeatureNames =
    [
        (ModelFeatures.Tools, "tool calling"),
        (ModelFeatures.Vision, "image input"),
        (ModelFeatures.JsonSchema, "JSON schema output"),
        (ModelFeatures.JsonMode, "JSON mode"),
        (ModelFeatures.Streaming, "streaming"),
        (ModelFeatures.AudioInput, "audio input"),
    ];

    public static string? Exclusion(ModelState state, RoutingRequest request, AttemptLog log, BudgetLedger budget)
    {
        var model = state.Definition;
        if (state.Status == ModelStatus.Standby)
        {
            var until = state.CooldownUntil is DateTimeOffset at ? " until " + at.ToString("u", CultureInfo.InvariantCulture) : string.Empty;
            return $"on standby ({state.DeactivationReason}){until}";
        }
        if (log.Tried(model.Id))
        {
            return "already failed for this request";
        }
        if (OperationCapability(request.Operation) is string capability && !model.Serves(capability))
        {
            return $"does not serve {capability}";
        }
        if (model.Features is ModelFeatures features && (request.RequiredFeatures & ~features) is var missing && missing != ModelFeatures.None)
        {
            return "does not support " + string.Join(", ", FeatureNames.Where(f => missing.HasFlag(f.Feature)).Select(f => f.Name));
        }
        if (request.RequestedOutputTokens is int output && model.MaxOutputTokens is int maxOutput && output > maxOutput)
        {
            return $"{output} output tokens requested, the model's maximum is {maxOutput}";
        }
        if (model.ContextWindow is int window && request.EstimatedPromptTokens + (request.RequestedOutputTokens ?? 0) > window)
        {
            return $"about {request.EstimatedPromptTokens} prompt tokens{(request.RequestedOutputTokens is int o ? $" plus {o} output tokens" : string.Empty)} exceed its context window of {window}";
        }
        if (log.ContextWindowAbove is int failedWindow && (model.ContextWindow ?? int.MaxValue) <= failedWindow)
        {
            return $"its context window ({model.ContextWindow}) is not larger than that of a model that rejected the prompt as too long ({failedWindow})";
        }
        if (budget.Check(model.ProviderId, request.EstimateCost(model)) is { } refusal)
        {
            log.BudgetRefusal ??= refusal;
            return $"would exceed the {refusal.LimitType} budget (${refusal.Actual} of ${refusal.Limit})";
        }
        return null;
    }

    /// <summary>The capability a model must serve for non-chat operations (chat is decided by pool membership).</summary>
    public static string? OperationCapability(string operation) => operation switch
    {
        RoutingOperations.Embeddings => EmbeddingsPath,
        RoutingOperations.Speech => SpeechPath,
        RoutingOperations.Transcription => TranscriptionPath,
        _ => null,
    };

    private static readonly string EmbeddingsPath = Capabilities.Resolve("text-embeddings");
    private static readonly string SpeechPath = Capabilities.Resolve("text-to-speech");
    private static readonly string TranscriptionPath = Capabilities.Resolve("speech-to-text");
}

/// <summary>The operation names a <see cref="RoutingRequest"/> carries.</summary>
internal static class RoutingOperations
{
    public const string Chat = "chat";
    public const string Embeddings = "embeddings";
    public const string Speech = "speech";
    public const string Transcription = "transcription";
}
