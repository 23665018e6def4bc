using System.Collections.Concurrent;
using ModelMesh.Cdk;

namespace ModelMesh.Routing;

/// <summary>
/// One consistent set of providers, models and pools. A config reload builds a new runtime and swaps it in;
/// requests already running keep the one they started with, so nothing in flight is dropped.
/// </summary>
internal sealed class MeshRuntime : IDisposable
{
    private readonly ConcurrentDictionary<string, RoutingPool> _implicitPools = new(StringComparer.OrdinalIgnoreCase);

    // Names that are not pool ids (a capability such as "chat-completion", a model id, an upstream name) as they
    // resolved: a runtime never changes its models, pools or the capability tree, so the answer holds for its life
    // (a reload or discovery builds a new runtime). Only names that resolved are kept, so it is bounded by them.
    private readonly ConcurrentDictionary<string, RoutingPool> _resolvedNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoutingPool> _pools;
    private readonly Dictionary<string, ModelHealth> _health;
    private readonly IReadOnlyList<PoolDefinition> _poolDefinitions;
    private volatile bool _ownsProviders;

    public MeshRuntime(IReadOnlyDictionary<string, BaseProvider> providers, IReadOnlyList<ModelDefinition> models, IReadOnlyList<PoolDefinition> pools, MeshServices services, bool ownsProviders)
    {
        Providers = providers;
        Models = models;
        _poolDefinitions = pools;
        Services = services;
        _ownsProviders = ownsProviders;
        // Health, cooldowns and rests belong to the model, not to one configuration: a reload keeps them. The
        // adoption is committed only once this runtime is complete, so a configuration that fails to build
        // changes nothing.
        var adoption = services.Health.Plan(models);
        _health = adoption.Health;
        _definitions = models.ToDictionary(m => m.Id, StringComparer.Ordinal);
        _pools = new Dictionary<string, RoutingPool>(StringComparer.OrdinalIgnoreCase);
        foreach (var pool in pools)
        {
            _pools.Add(pool.Id, Build(pool));
        }
        services.Health.Commit(adoption);
    }

    private readonly Dictionary<string, ModelDefinition> _definitions;

    public IReadOnlyDictionary<string, BaseProvider> Providers { get; }

    public IReadOnlyList<ModelDefinition> Models { get; }

    public MeshServices Services { get; }

    public IEnumerable<RoutingPool> Pools => _pools.Values;

    /// <summary>The model discovery of the configuration this runtime was built from (shared with the runtimes derived from it); null when no provider discovers.</summary>
    public Discovery.ModelDiscovery? Discovery { get; init; }

    /// <summary>
    /// <see cref="Discovery"/> while some provider's discovery has not succeeded yet, else null: the one field a request
    /// reads to know there is nothing to wait for.
    /// </summary>
    public Discovery.ModelDiscovery? Pending { get; init; }

    /// <summary>
    /// This runtime with <paramref name="provider"/>'s discovered models in place of the ones its discovery replaces (the
    /// catalogue; a pool that names one by id keeps it), sharing providers, pools, services and health; nothing is called.
    /// </summary>
    /// <param name="provider">The provider discovered.</param>
    /// <param name="found">What it reported.</param>
    /// <param name="added">The models added.</param>
    /// <exception cref="ConfigurationException">The derived set-up does not build.</exception>
    public MeshRuntime WithDiscovered(Discovery.ProviderDiscovery provider, IReadOnlyList<DiscoveredModel> found, out IReadOnlyList<ModelDefinition> added)
    {
        var named = _poolDefinitions.SelectMany(p => p.Models).ToHashSet(StringComparer.Ordinal);
        var kept = Models.Where(m => m.ProviderId != provider.ProviderId || !provider.Replaces.Contains(m.Id) || named.Contains(m.Id)).ToArray();
        added = ModelMesh.Discovery.DiscoveredModels.Map(provider.ProviderId, found, provider.Options, provider.Catalogue, kept);
        var settled = Discovery!.Providers.All(p => ReferenceEquals(p, provider) || p.Succeeded);
        return new MeshRuntime(Providers, [.. kept, .. added], _poolDefinitions, Services, _ownsProviders) { Discovery = Discovery, Pending = settled ? null : Discovery };
    }

    /// <summary>Gives up ownership of the providers (a runtime derived from this one took it over).</summary>
    public void HandOverProviders() => _ownsProviders = false;

    /// <summary>
    /// Finds the pool for a request's <c>model</c>: a pool id, else a capability path or alias (the pool for that
    /// capability, or an implicit one over every model serving it), else a model id (a pool of that one model),
    /// else an upstream model name as users write it (<c>gpt-4o</c>: an implicit pool over every deployment of that
    /// model in the mesh, with failover between them).
    /// </summary>
    /// <exception cref="ModelNotFoundException">The name is none of these; it suggests the nearest.</exception>
    public RoutingPool ResolvePool(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ModelNotFoundException(string.Empty, null, _pools.Keys.ToArray());
        }
        if (_pools.TryGetValue(name, out var pool) || _resolvedNames.TryGetValue(name, out pool))
        {
            return pool;
        }
        pool = ResolveImplicitPool(name);
        _resolvedNames.TryAdd(name, pool);
        return pool;
    }

    // Apart from the lookup above: its lambdas capture the name, and a closure over a parameter is allocated when the
    // method is entered, which would cost every request that names a configured pool.
    private RoutingPool ResolveImplicitPool(string name)
    {
        if (Capabilities.TryResolve(name, out var path))
        {
            var byCapability = _pools.Values.FirstOrDefault(p => string.Equals(p.Definition.Capability, path, StringComparison.Ordinal));
            return byCapability ?? _implicitPools.GetOrAdd(path, p => Build(new PoolDefinition { Id = p, Capability = p }));
        }
        if (_health.ContainsKey(name))
        {
            return _implicitPools.GetOrAdd("model:" + name, _ => Build(new PoolDefinition { Id = name, Models = [name] }));
        }
        if (_implicitPools.TryGetValue("upstream:" + name, out var byUpstream))
        {
            return byUpstream;
        }
        var deployments = Models.Where(m => string.Equals(m.WireModel, name, StringComparison.OrdinalIgnoreCase)).Select(m => m.Id).ToArray();
        if (deployments.Length > 0)
        {
            return _implicitPools.GetOrAdd("upstream:" + name, _ => Build(new PoolDefinition { Id = name, Models = deployments }));
        }
        throw new ModelNotFoundException(name, Suggest(name), _pools.Keys.ToArray());
    }

    /// <summary>
    /// Resolves the pool for a call of kind <paramref name="operation"/> and checks that some model of it can
    /// answer that kind of call at all (a chat request must not reach an embeddings pool).
    /// </summary>
    /// <exception cref="OperationNotServedException">No model of the pool serves the operation; names the pools that do.</exception>
    public RoutingPool ResolvePool(string name, MeshOperation operation)
    {
        var pool = ResolvePool(name);
        var members = pool.Members;
        for (var i = 0; i < members.Count; i++)
        {
            if (OperationCapabilities.Serves(members[i].Model, operation))
            {
                return pool;
            }
        }
        if (pool.Members.Count == 0)
        {
            return pool; // an empty pool reports itself when routed ("the pool has no models")
        }
        var serving = _pools.Values.Where(p => p.Members.Any(m => OperationCapabilities.Serves(m.Model, operation))).Select(p => p.Id).ToArray();
        throw new OperationNotServedException(pool.Id, operation, OperationCapabilities.Describe(operation), serving);
    }

    /// <summary>The nearest pool, capability, model or upstream name to <paramref name="name"/>, when one is close.</summary>
    internal string? Suggest(string name)
    {
        var known = _pools.Keys
            .Concat(Capabilities.List().SelectMany(c => c.Names))
            .Concat(_health.Keys)
            .Concat(Models.Select(m => m.WireModel))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        return ModelMesh.Configuration.Suggestions.Nearest(name, known);
    }

    /// <summary>Puts every model of a provider on standby (its credentials were rejected).</summary>
    public void DeactivateProvider(string providerId)
    {
        MeshLog.ProviderDeactivated(Services.Logger, providerId);
        foreach (var health in _health.Values.Where(h => _definitions[h.ModelId].ProviderId == providerId))
        {
            if (health.Deactivate(DeactivationReason.AuthenticationFailed, null, Services.Clock.GetUtcNow()))
            {
                Services.Metrics.Deactivated(health.Definition, DeactivationReason.AuthenticationFailed);
            }
        }
    }

    public ModelHealth? HealthOf(string modelId) => _health.GetValueOrDefault(modelId);

    private RoutingPool Build(PoolDefinition definition)
    {
        var policy = definition.Policy ?? RotationPolicies.Create(definition.Strategy, definition.Rotation);
        if (ReferenceEquals(policy.TimeProvider, TimeProvider.System))
        {
            policy.TimeProvider = Services.Clock; // a policy given its own clock keeps it
        }
        var members = new List<PoolMember>();
        foreach (var id in definition.Models)
        {
            if (!_definitions.TryGetValue(id, out var model))
            {
                throw new ConfigurationException($"Pool '{definition.Id}' lists model '{id}', which is not defined.", null, null, $"pools.{definition.Id}.models");
            }
            if (definition.Includes(model))
            {
                members.Add(Member(model));
            }
        }
        foreach (var model in Models)
        {
            if (definition.Includes(model) && !members.Any(m => m.Model.Id == model.Id))
            {
                members.Add(Member(model));
            }
        }
        return new RoutingPool(definition, policy, members) { Logger = Services.Logger, Metrics = Services.Metrics };
    }

    private PoolMember Member(ModelDefinition model) =>
        Providers.TryGetValue(model.ProviderId, out var provider)
            ? new PoolMember(model, provider, _health[model.Id])
            : throw new ConfigurationException($"Model '{model.Id}' names provider '{model.ProviderId}', which is not defined.", null, null, $"models.{model.Id}.provider");


    private int _leases;

    /// <summary>How many requests hold this runtime now (what keeps it alive after a reload retires it).</summary>
    internal int LeaseCount => Volatile.Read(ref _leases);
    private int _retired;

    /// <summary>Marks the runtime as in use by one request; dispose the lease when the request ends.</summary>
    public Lease Acquire()
    {
        Interlocked.Increment(ref _leases);
        return new Lease(this);
    }

    /// <summary>Takes the runtime out of service; its providers are released when the last request using it ends.</summary>
    public void Retire()
    {
        if (Interlocked.Exchange(ref _retired, 1) == 0 && Volatile.Read(ref _leases) == 0)
        {
            Dispose();
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && Volatile.Read(ref _retired) == 1)
        {
            Dispose();
        }
    }

    /// <summary>One request's hold on a runtime.</summary>
    internal readonly struct Lease(MeshRuntime runtime) : IDisposable
    {
        public MeshRuntime Runtime => runtime;

        public void Dispose() => runtime.Release();
    }

    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (_ownsProviders)
        {
            foreach (var provider in Providers.Values)
            {
                provider.Dispose();
            }
        }
    }
}

/// <summary>What outlives a runtime swap: the clock, the budget ledger, usage totals, middleware and model health.</summary>
internal sealed record MeshServices(TimeProvider Clock, BudgetLedger Budget, UsageTracker Usage, IReadOnlyList<MeshMiddleware> Middleware)
{
    /// <summary>Every model's health, carried from one runtime to the next.</summary>
    public ModelHealthRegistry Health { get; init; } = new();

    /// <summary>Where routing, health, budget and reload events are logged (<see cref="MeshLog"/>); silent by default.</summary>
    public Microsoft.Extensions.Logging.ILogger Logger { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Whether prompts and answers may reach logs and spans (<see cref="Telemetry.ContentCapture"/>); off by default.</summary>
    public bool LogContent { get; init; }

    /// <summary>The mesh's instruments (the same ones <see cref="Usage"/> counts spending on); the client disposes them.</summary>
    public required Telemetry.MeshMetrics Metrics { get; init; }
}
