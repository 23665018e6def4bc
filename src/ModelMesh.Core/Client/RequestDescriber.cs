using System.Text.Json;
using ModelMesh.Cdk;
using ModelMesh.Routing;

namespace ModelMesh;

/// <summary>Turns a caller's request into what the router and the policies need to know about it.</summary>
internal static class RequestDescriber
{
    public static RoutingRequest Chat(RoutingPool pool, ChatCompletionRequest request, bool streaming, bool dryRun = false, RoutingOutcome? trace = null)
    {
        var features = ModelFeatures.None;
        if (request.Tools is { Count: > 0 })
        {
            features |= ModelFeatures.Tools;
        }
        if (streaming)
        {
            features |= ModelFeatures.Streaming;
        }
        switch (request.ResponseFormat?.Type)
        {
            case "json_schema":
                features |= ModelFeatures.JsonSchema;
                break;
            case "json_object":
                features |= ModelFeatures.JsonMode;
                break;
        }
        if (request.ReasoningEffort is { Length: > 0 } effort && !string.Equals(effort, "none", StringComparison.OrdinalIgnoreCase))
        {
            features |= ModelFeatures.Reasoning; // a model that cannot reason answers 400 to the parameter
        }
        // Indexed, not foreach: the messages are an IReadOnlyList, whose enumerator is an allocation per request.
        var messages = request.Messages;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.Role is ChatRole.System or ChatRole.Developer)
            {
                features |= ModelFeatures.SystemPrompt;
            }
            if (message.ContentParts is { } parts)
            {
                for (var j = 0; j < parts.Count; j++)
                {
                    features |= parts[j].ImageUrl is not null ? ModelFeatures.Vision : ModelFeatures.None;
                    features |= parts[j].InputAudio is not null ? ModelFeatures.AudioInput : ModelFeatures.None;
                }
            }
        }
        return new RoutingRequest
        {
            PoolId = pool.Id,
            Operation = MeshOperation.Chat,
            Chat = request,
            EstimatedPromptTokens = TokenEstimator.Estimate(request),
            RequestedOutputTokens = request.MaxCompletionTokens ?? request.MaxTokens,
            RequiredFeatures = features,
            SessionId = SessionId(request, pool.Policy.Options.SessionHeader),
            Streaming = streaming,
            DryRun = dryRun,
            Trace = trace,
        };
    }

    public static RoutingRequest Other(RoutingPool pool, MeshOperation operation, int estimatedTokens, RoutingOutcome? trace = null) => new()
    {
        PoolId = pool.Id,
        Operation = operation,
        EstimatedPromptTokens = estimatedTokens,
        RequestedOutputTokens = 0,
        Trace = trace,
    };

    /// <summary>The session id: <c>metadata[header]</c>, else a top-level field of that name, else none.</summary>
    private static string? SessionId(ChatCompletionRequest request, string header)
    {
        if (request.Metadata?.TryGetValue(header, out var fromMetadata) == true && !string.IsNullOrEmpty(fromMetadata))
        {
            return fromMetadata;
        }
        if (request.AdditionalProperties?.TryGetValue(header, out var extra) == true && extra.ValueKind == JsonValueKind.String)
        {
            return extra.GetString();
        }
        return null;
    }
}
