using System.Collections.Concurrent;

namespace ModelMesh.Cdk;

/// <summary>
/// The registry of rotation policies by id. The eight built-in strategies are registered under their ModelMesh
/// ids (<see cref="RotationStrategies"/>) and short names (<c>round-robin</c> works as well as
/// <c>modelmesh.round-robin.v1</c>); custom policies are added with <see cref="Register"/>. No assembly scanning:
/// a policy exists once registered.
/// </summary>
public static class RotationPolicies
{
    private static readonly ConcurrentDictionary<string, Func<RotationPolicyOptions, BaseRotationPolicy>> Factories = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase);

    static RotationPolicies()
    {
        Register(RotationStrategies.StickUntilFailure, o => new StickUntilFailurePolicy(o));
        Register(RotationStrategies.PrioritySelection, o => new PrioritySelectionPolicy(o));
        Register(RotationStrategies.RoundRobin, o => new RoundRobinPolicy(o));
        Register(RotationStrategies.CostFirst, o => new CostFirstPolicy(o));
        Register(RotationStrategies.LatencyFirst, o => new LatencyFirstPolicy(o));
        Register(RotationStrategies.SessionStickiness, o => new SessionStickinessPolicy(o));
        Register(RotationStrategies.RateLimitAware, o => new RateLimitAwarePolicy(o));
        Register(RotationStrategies.LoadBalanced, o => new LoadBalancedPolicy(o));
    }

    /// <summary>The registered ids, in registration order of the built-ins first.</summary>
    public static IReadOnlyList<string> Ids => Factories.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Registers a policy under an id; an id of the form <c>vendor.name.vN</c> is also reachable by <c>name</c>.
    /// Registering an existing id replaces it.
    /// </summary>
    /// <param name="id">The policy id (for example <c>acme.time-of-day.v1</c>).</param>
    /// <param name="factory">Creates one instance per pool from the pool's settings.</param>
    public static void Register(string id, Func<RotationPolicyOptions, BaseRotationPolicy> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(factory);
        Factories[id] = factory;
        var parts = id.Split('.');
        if (parts.Length == 3 && parts[2].StartsWith('v'))
        {
            ShortNames.TryAdd(parts[1], id);
        }
    }

    /// <summary>Resolves a short name or id to the registered id.</summary>
    /// <param name="nameOrId">An id or short name.</param>
    /// <param name="id">The registered id.</param>
    public static bool TryResolve(string? nameOrId, out string id)
    {
        id = string.Empty;
        if (string.IsNullOrWhiteSpace(nameOrId))
        {
            return false;
        }
        if (Factories.ContainsKey(nameOrId))
        {
            id = Factories.Keys.First(k => string.Equals(k, nameOrId, StringComparison.OrdinalIgnoreCase));
            return true;
        }
        if (ShortNames.TryGetValue(nameOrId, out var full))
        {
            id = full;
            return true;
        }
        return false;
    }

    /// <summary>Creates a policy by id or short name.</summary>
    /// <param name="nameOrId">An id or short name.</param>
    /// <param name="options">The pool's settings.</param>
    /// <exception cref="ArgumentException">No policy has that id; the message lists the known ones.</exception>
    public static BaseRotationPolicy Create(string nameOrId, RotationPolicyOptions? options = null)
    {
        if (!TryResolve(nameOrId, out var id))
        {
            throw new ArgumentException($"Unknown rotation strategy '{nameOrId}'. Known: {string.Join(", ", Ids)} (short names such as 'round-robin' work too).", nameof(nameOrId));
        }
        return Factories[id](options ?? new RotationPolicyOptions());
    }
}
