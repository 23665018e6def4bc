namespace ModelMesh;

/// <summary>
/// Which model answered a routed call and how many attempts it took: pass one to a client call's overload that
/// takes it, and read it when the call returns (for a stream, from the moment its first chunk is yielded: the
/// stream is committed to that model then). A gateway uses it to say who served each answer.
/// </summary>
/// <remarks>Filled by one call at a time; not thread-safe, not reusable across calls.</remarks>
public sealed class RoutingOutcome
{
    /// <summary>The pool the request's <c>model</c> resolved to; null until routing began.</summary>
    public string? PoolId { get; internal set; }

    /// <summary>The mesh model id that answered (for example <c>openai.gpt-4o</c>); null until one did.</summary>
    public string? ModelId { get; private set; }

    /// <summary>The provider (connector instance) of <see cref="ModelId"/>; null until a model answered.</summary>
    public string? ProviderId { get; private set; }

    /// <summary>How many attempts were started, the answering one included (retries on one model count each).</summary>
    public int Attempts { get; private set; }

    /// <summary>How many different models were tried, the answering one included.</summary>
    public int ModelsTried { get; private set; }

    /// <summary>What the caller's request named (a pool, capability, alias or model), for telemetry.</summary>
    internal string? RequestedModel { get; set; }

    private string? _lastTried;

    internal void Attempted(string modelId)
    {
        Attempts++;
        if (!string.Equals(_lastTried, modelId, StringComparison.Ordinal))
        {
            ModelsTried++;
            _lastTried = modelId;
        }
    }

    internal void Answered(string modelId, string providerId)
    {
        ModelId = modelId;
        ProviderId = providerId;
    }

    /// <summary>A summary such as <c>openai.gpt-4o via openai after 2 attempt(s)</c>.</summary>
    public override string ToString() =>
        ModelId is null ? $"no model answered after {Attempts} attempt(s)" : $"{ModelId} via {ProviderId} after {Attempts} attempt(s)";
}
