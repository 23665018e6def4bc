namespace ModelMesh;

/// <summary>
/// The ids of the eight built-in rotation strategies, for <see cref="MeshOptions.Strategy"/> and
/// <see cref="PoolDefinition.Strategy"/>. Each also answers to its short name (<c>round-robin</c> for
/// <see cref="RoundRobin"/>); a custom policy registered with <c>ModelMesh.Cdk.RotationPolicies.Register</c> is
/// named by its own id.
/// </summary>
public static class RotationStrategies
{
    /// <summary>Stick until failure, the default: stay on the model that last answered until it fails.</summary>
    public const string StickUntilFailure = "modelmesh.stick-until-failure.v1";
    /// <summary>Priority selection: the most preferred eligible model, every time.</summary>
    public const string PrioritySelection = "modelmesh.priority-selection.v1";
    /// <summary>Round robin: each request to the next candidate in turn.</summary>
    public const string RoundRobin = "modelmesh.round-robin.v1";
    /// <summary>Cost first: the model the request costs least on.</summary>
    public const string CostFirst = "modelmesh.cost-first.v1";
    /// <summary>Latency first: the model with the lowest recent average latency.</summary>
    public const string LatencyFirst = "modelmesh.latency-first.v1";
    /// <summary>Session stickiness: requests of one session to the same model.</summary>
    public const string SessionStickiness = "modelmesh.session-stickiness.v1";
    /// <summary>Rate-limit aware: the model with the most daily request and token headroom.</summary>
    public const string RateLimitAware = "modelmesh.rate-limit-aware.v1";
    /// <summary>Load balanced: requests spread by weight.</summary>
    public const string LoadBalanced = "modelmesh.load-balanced.v1";
}
