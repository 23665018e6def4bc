namespace ModelMesh;

/// <summary>The mesh could not route a request to a model that answered it.</summary>
public class RoutingException : ModelMeshException
{
    /// <summary>Creates the exception with a message.</summary>
    public RoutingException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>The pool a request resolved to has no model that is active and able to serve the request.</summary>
public sealed class NoActiveModelException : RoutingException
{
    /// <summary>Creates the exception for a pool.</summary>
    /// <param name="poolId">The pool that had no usable model.</param>
    /// <param name="reason">Why every model was excluded.</param>
    public NoActiveModelException(string poolId, string reason)
        : base($"Pool '{poolId}' has no active model that can serve the request: {reason}")
    {
        PoolId = poolId;
        Reason = reason;
    }

    /// <summary>The pool that had no usable model.</summary>
    public string PoolId { get; }

    /// <summary>Why every model was excluded.</summary>
    public string Reason { get; }
}

/// <summary>
/// The pool a request resolved to has no model that can answer that kind of call (a chat completion sent to an
/// embeddings pool); <see cref="ServingPools"/> names the pools that can.
/// </summary>
public sealed class OperationNotServedException : RoutingException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="poolId">The pool the request resolved to.</param>
    /// <param name="operation">The kind of call.</param>
    /// <param name="requirement">What a model must serve for it, in words.</param>
    /// <param name="servingPools">The pools with a model that serves it.</param>
    public OperationNotServedException(string poolId, MeshOperation operation, string requirement, IReadOnlyList<string> servingPools)
        : base($"Pool '{poolId}' has no model that serves {requirement}, so it cannot answer a {Routing.OperationCapabilities.Name(operation)} request. "
            + (servingPools.Count == 0 ? "No pool of this mesh serves it." : $"Pools that do: {string.Join(", ", servingPools)}."))
    {
        PoolId = poolId;
        Operation = operation;
        ServingPools = servingPools;
    }

    /// <summary>The pool the request resolved to.</summary>
    public string PoolId { get; }

    /// <summary>The kind of call the pool cannot answer.</summary>
    public MeshOperation Operation { get; }

    /// <summary>The pools with a model that serves the operation.</summary>
    public IReadOnlyList<string> ServingPools { get; }
}

/// <summary>One attempt the router made before giving up.</summary>
/// <param name="ModelId">The model tried.</param>
/// <param name="ProviderId">The provider that served the model.</param>
/// <param name="Error">How the attempt failed.</param>
/// <param name="Elapsed">How long the attempt took.</param>
public sealed record RoutingAttempt(string ModelId, string ProviderId, Exception Error, TimeSpan Elapsed);

/// <summary>Every candidate model failed (or the attempt or time bound ran out); <see cref="Attempts"/> lists each attempt.</summary>
public sealed class AllProvidersExhaustedException : RoutingException
{
    /// <summary>Creates the exception from the attempts made.</summary>
    /// <param name="poolId">The pool the request was routed through.</param>
    /// <param name="attempts">Every attempt, in order.</param>
    public AllProvidersExhaustedException(string poolId, IReadOnlyList<RoutingAttempt> attempts)
        : base(Describe(poolId, attempts), attempts.Count > 0 ? attempts[^1].Error : null)
    {
        PoolId = poolId;
        Attempts = attempts;
    }

    /// <summary>The pool the request was routed through.</summary>
    public string PoolId { get; }

    /// <summary>Every attempt, in order, each with its error.</summary>
    public IReadOnlyList<RoutingAttempt> Attempts { get; }

    private static string Describe(string poolId, IReadOnlyList<RoutingAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var lines = attempts.Select((a, i) => $"  {i + 1}. {a.ModelId} via {a.ProviderId}: {a.Error.Message}");
        return $"All {attempts.Count} attempt(s) in pool '{poolId}' failed:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}

/// <summary>
/// A request's <c>model</c> is empty, or is none of this mesh's pools, capabilities, model ids or upstream model
/// names; <see cref="Suggestion"/> is the nearest known name when one is close.
/// </summary>
public sealed class ModelNotFoundException : RoutingException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="name">The name as the request gave it (empty when it gave none).</param>
    /// <param name="suggestion">The nearest pool, capability, model or upstream name, when one is close.</param>
    /// <param name="pools">The mesh's pools.</param>
    public ModelNotFoundException(string name, string? suggestion, IReadOnlyList<string> pools)
        : base(Describe(name, suggestion, pools))
    {
        Name = name ?? string.Empty;
        Suggestion = suggestion;
        Pools = pools;
    }

    /// <summary>The name as the request gave it; empty when the request had no <c>model</c>.</summary>
    public string Name { get; }

    /// <summary>The nearest pool, capability, model or upstream name, when one is close.</summary>
    public string? Suggestion { get; }

    /// <summary>The mesh's pools.</summary>
    public IReadOnlyList<string> Pools { get; }

    private static string Describe(string name, string? suggestion, IReadOnlyList<string> pools)
    {
        var known = pools.Count == 0 ? "(none)" : string.Join(", ", pools);
        if (string.IsNullOrWhiteSpace(name))
        {
            return $"The request has no 'model'. Use a pool id ({known}), a capability or a model id.";
        }
        var hint = suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?";
        return $"'{name}' is not a pool, a capability, a model or an upstream model name of this mesh.{hint} Pools: {known}.";
    }
}
