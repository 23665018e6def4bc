namespace ModelMesh.Cdk;

/// <summary>What a rotation policy knows about the request it is choosing a model for.</summary>
public sealed class RoutingRequest
{
    /// <summary>The pool the request resolved to.</summary>
    public required string PoolId { get; init; }

    /// <summary>The kind of call, which decides the models that can answer it.</summary>
    public required MeshOperation Operation { get; init; }

    /// <summary>The chat request, for chat calls.</summary>
    public ChatCompletionRequest? Chat { get; init; }

    /// <summary>Estimated prompt tokens (about four characters a token).</summary>
    public int EstimatedPromptTokens { get; init; }

    /// <summary>The completion tokens asked for (<c>max_completion_tokens</c> or <c>max_tokens</c>), if any.</summary>
    public int? RequestedOutputTokens { get; init; }

    /// <summary>Features the request uses, which a model must support.</summary>
    public ModelFeatures RequiredFeatures { get; init; }

    /// <summary>The session id for session-stickiness, if the request carries one.</summary>
    public string? SessionId { get; init; }

    /// <summary>Whether the response is streamed.</summary>
    public bool Streaming { get; init; }

    /// <summary>
    /// Whether this is a dry run (<c>Explain</c>): a policy that keeps state between requests must choose as it
    /// would but not record the choice.
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>Where the router notes which model answered (for middleware and logs).</summary>
    internal RoutingOutcome? Trace { get; init; }

    /// <summary>
    /// Completion tokens assumed for a cost estimate: those asked for, else the model's maximum output, else 1,024.
    /// </summary>
    public int OutputTokensFor(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return RequestedOutputTokens ?? AssumedOutputTokens(model);
    }

    /// <summary>Completion tokens assumed for a request that asks for no bound: the model's maximum output, else 1,024.</summary>
    internal static int AssumedOutputTokens(ModelDefinition model) => model.MaxOutputTokens ?? 1024;

    /// <summary>An upper estimate of what this request costs on <paramref name="model"/> (zero when unpriced).</summary>
    public decimal EstimateCost(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Pricing?.Cost(EstimatedPromptTokens, OutputTokensFor(model)) ?? 0m;
    }
}
