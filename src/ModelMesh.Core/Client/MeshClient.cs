using System.Globalization;
using System.Text;
using ModelMesh.Routing;

namespace ModelMesh;

/// <summary>
/// One OpenAI-shaped client over every model of the mesh: <see cref="Chat"/>, <see cref="Embeddings"/> and
/// <see cref="Audio"/> and <see cref="Models"/> like OpenAI's SDK, <see cref="Rerank"/>, <see cref="Search"/> and <see cref="Scrape"/>, plus the mesh's own views and controls (<see cref="Describe"/>,
/// <see cref="PoolStatus(string)"/>, <see cref="Explain"/>, <see cref="Rotate"/>, <see cref="Usage"/>).
/// Create one with <see cref="Mesh"/>; it is thread-safe and meant to live as long as the application.
/// </summary>
public sealed class MeshClient : IDisposable
{
    private readonly object _swapGate = new();
    private MeshRuntime _runtime;
    private bool _disposed;

    internal MeshClient(MeshRuntime runtime)
    {
        _runtime = runtime;
        Chat = new ChatClient(this);
        Embeddings = new EmbeddingsClient(this);
        Audio = new AudioClient(this);
        Rerank = new RerankClient(this);
        Search = new SearchClient(this);
        Scrape = new ScrapeClient(this);
        Models = new ModelsClient(this);
        // Weakly: the meter may outlive a client nobody disposed, and must not keep it (and its providers) alive.
        var self = new WeakReference<MeshClient>(this);
        runtime.Services.Metrics.Observe(() => self.TryGetTarget(out var client) && !client.IsDisposed ? Volatile.Read(ref client._runtime) : null);
    }

    /// <summary>Chat completions (<c>Chat.Completions.CreateAsync</c>, <c>StreamAsync</c>).</summary>
    public ChatClient Chat { get; }

    /// <summary>Embeddings.</summary>
    public EmbeddingsClient Embeddings { get; }

    /// <summary>Speech and transcriptions.</summary>
    public AudioClient Audio { get; }

    /// <summary>Document reranking (<c>Rerank.CreateAsync</c>).</summary>
    public RerankClient Rerank { get; }

    /// <summary>Web search (<c>Search.QueryAsync</c>).</summary>
    public SearchClient Search { get; }

    /// <summary>Reading web pages as Markdown (<c>Scrape.CreateAsync</c>).</summary>
    public ScrapeClient Scrape { get; }

    /// <summary>The models and pools the mesh serves.</summary>
    public ModelsClient Models { get; }

    /// <summary>Tokens and cost by model and provider, and the budget status.</summary>
    public MeshUsage Usage
    {
        get
        {
            var services = Current.Services;
            return services.Usage.Snapshot(services.Budget.Status());
        }
    }

    /// <summary>The pool ids, in definition order.</summary>
    public IReadOnlyList<string> Pools => Current.Pools.Select(p => p.Id).ToArray();

    /// <summary>The ids of providers with at least one active model.</summary>
    public IReadOnlyList<string> ActiveProviders
    {
        get
        {
            var runtime = Current;
            return runtime.Models.Where(m => runtime.HealthOf(m.Id)?.IsActive == true).Select(m => m.ProviderId).Distinct(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>
    /// The providers of the current configuration, for diagnostics such as a cheap probe of each upstream
    /// (<c>modelmesh check</c> calls <see cref="Cdk.BaseProvider.ListModelsAsync"/> on each). A call made through one
    /// goes straight to its upstream: no routing, failover, health, budget or usage accounting. A reload replaces
    /// them and releases the old ones, so read this again rather than keeping it.
    /// </summary>
    public IReadOnlyList<Cdk.BaseProvider> Providers => Current.Providers.Values.ToArray();

    private MeshRuntime Current
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Volatile.Read(ref _runtime);
        }
    }

    /// <summary>
    /// This mesh as a Microsoft.Extensions.AI <see cref="Microsoft.Extensions.AI.IChatClient"/>, for M.E.AI
    /// middleware (function invocation, telemetry, logging) and code written against M.E.AI.
    /// </summary>
    /// <param name="defaultModel">The pool, capability, alias or model asked when a call's <c>ChatOptions.ModelId</c> is unset.</param>
    public AI.MeshChatClient AsIChatClient(string? defaultModel = null) => new(this, defaultModel);

    /// <summary>This mesh as a Microsoft.Extensions.AI embedding generator of float vectors.</summary>
    /// <param name="defaultModel">The pool, capability, alias or model asked when a call's <c>EmbeddingGenerationOptions.ModelId</c> is unset.</param>
    public AI.MeshEmbeddingGenerator AsIEmbeddingGenerator(string? defaultModel = null) => new(this, defaultModel);

    /// <summary>The state of every model of every pool.</summary>
    public IReadOnlyList<PoolStatus> PoolStatus() => Current.Pools.Select(Status).ToArray();

    /// <summary>The state of one pool's models.</summary>
    /// <param name="poolId">A pool id, capability or model id (as a request's <c>model</c>).</param>
    /// <exception cref="RoutingException">No such pool.</exception>
    public PoolStatus PoolStatus(string poolId) => Status(Current.ResolvePool(poolId));

    /// <summary>A readable summary of the pools, their strategies and models with state.</summary>
    /// <param name="poolId">One pool, or null for all.</param>
    public string Describe(string? poolId = null)
    {
        var statuses = poolId is null ? PoolStatus() : [PoolStatus(poolId)];
        var text = new StringBuilder();
        foreach (var pool in statuses)
        {
            text.Append(CultureInfo.InvariantCulture, $"pool {pool.PoolId} ({pool.Strategy}{(pool.Capability is null ? string.Empty : ", " + pool.Capability)}): {pool.Active} active, {pool.Standby} standby").AppendLine();
            foreach (var model in pool.Models)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {(model.ModelId == pool.CurrentModel ? '*' : ' ')} {model.ModelId} via {model.ProviderId}: {model.Status}");
                if (model.DeactivationReason is { } reason)
                {
                    text.Append(CultureInfo.InvariantCulture, $" ({reason}{(model.CooldownUntil is { } until ? " until " + until.ToString("u", CultureInfo.InvariantCulture) : string.Empty)})");
                }
                text.Append(CultureInfo.InvariantCulture, $", {Count(model.Requests, "request")}, {Count(model.Failures, "failure")}, ${model.TotalCost}").AppendLine();
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// A dry run: which pool the request resolves to, every candidate with its score or the reason it is
    /// excluded, and the model that would be chosen and why. Nothing is sent and no state changes.
    /// </summary>
    /// <param name="request">The request as it would be sent.</param>
    /// <exception cref="RoutingException">The request's model names no pool, capability or model.</exception>
    public RoutingExplanation Explain(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runtime = Current;
        var pool = runtime.ResolvePool(request.Model, MeshOperation.Chat);
        return new Router(runtime).Explain(pool, RequestDescriber.Chat(pool, request, streaming: false, dryRun: true));
    }

    /// <summary>
    /// Moves a pool off the model it would use next: that model goes to standby for the pool's cooldown and
    /// the next request goes to another.
    /// </summary>
    /// <param name="poolId">The pool.</param>
    /// <returns>The model put on standby, or null when the pool had no eligible model.</returns>
    public string? Rotate(string poolId)
    {
        var runtime = Current;
        var pool = runtime.ResolvePool(poolId);
        var next = NextModel(runtime, pool);
        if (next is null)
        {
            return null;
        }
        var member = pool.Members.First(m => m.Model.Id == next);
        pool.Deactivate(member, DeactivationReason.Manual, runtime.Services.Clock.GetUtcNow(), Timers.Add(runtime.Services.Clock.GetUtcNow(), pool.Policy.Options.Cooldown));
        pool.Policy.OnCompleted(pool.Snapshot(member), succeeded: false);
        return next;
    }

    /// <summary>Puts a model on standby until <see cref="Reactivate"/> is called.</summary>
    /// <param name="modelId">The model id.</param>
    /// <returns>False when the model was already on standby.</returns>
    /// <exception cref="ArgumentException">No such model.</exception>
    public bool Deactivate(string modelId)
    {
        var health = Health(modelId);
        if (!health.Deactivate(DeactivationReason.Manual, null, Services.Clock.GetUtcNow()))
        {
            return false;
        }
        Services.Metrics.Deactivated(health.Definition, DeactivationReason.Manual);
        return true;
    }

    /// <summary>Brings a model back from standby, whatever the reason it was there.</summary>
    /// <param name="modelId">The model id.</param>
    /// <returns>False when the model was already active.</returns>
    /// <exception cref="ArgumentException">No such model.</exception>
    public bool Reactivate(string modelId) => Health(modelId).Reactivate(probation: false, Services.Clock.GetUtcNow());

    /// <summary>Stops the client and releases the providers it created.</summary>
    public void Dispose()
    {
        lock (_swapGate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _runtime.Services.Metrics.Dispose();
            _runtime.Retire();
        }
        // Outside the lock: stopping a watcher may wait for a reload that is itself waiting to swap.
        StopBackgroundWork();
    }

    /// <summary>
    /// Stops what the client runs in the background (a configuration watcher and its reloads), once, without
    /// stopping requests: those in flight and new ones go on with the set-up in force. A host's shutdown calls it
    /// first, so no reload builds providers while the application drains; <see cref="Dispose"/> calls it too.
    /// </summary>
    internal void StopBackgroundWork() => Interlocked.Exchange(ref _onDispose, null)?.Invoke();

    /// <summary>What outlives a reload: clock, budget, usage, middleware.</summary>
    internal MeshServices Services => Current.Services;

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    internal bool IsDisposed
    {
        get
        {
            lock (_swapGate)
            {
                return _disposed;
            }
        }
    }

    /// <summary>Runs once, when the client is disposed or its background work stopped (stops a config watcher).</summary>
    internal Action? OnDispose
    {
        get => Volatile.Read(ref _onDispose);
        set => Volatile.Write(ref _onDispose, value);
    }

    private Action? _onDispose;

    /// <summary>Holds the current runtime for one request; a reload during the request does not affect it.</summary>
    internal MeshRuntime.Lease Acquire()
    {
        lock (_swapGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _runtime.Acquire();
        }
    }

    /// <summary>
    /// Holds the current runtime for a request whose <c>model</c> is <paramref name="model"/>, first waiting for the model
    /// discovery that could give that request its models (started by the first such request, shared by the others,
    /// bounded by its own timeout). Once every discovery has succeeded this is one read and a null check.
    /// </summary>
    /// <exception cref="OperationCanceledException">The caller gave up while waiting; the discovery goes on for the others.</exception>
    internal ValueTask<MeshRuntime.Lease> AcquireAsync(string? model, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _runtime).Pending is null)
        {
            return new ValueTask<MeshRuntime.Lease>(Acquire());
        }
        return DiscoverThenAcquireAsync(model, cancellationToken);
    }

    private async ValueTask<MeshRuntime.Lease> DiscoverThenAcquireAsync(string? model, CancellationToken cancellationToken)
    {
        HashSet<Discovery.ProviderDiscovery>? waited = null;
        while (true)
        {
            var lease = Acquire();
            var runtime = lease.Runtime;
            if (runtime.Pending is not { } pending || pending.Due(runtime, model, runtime.Services.Clock.GetUtcNow(), waited) is not { } due)
            {
                if (runtime.Pending is not null && !ReferenceEquals(runtime, Volatile.Read(ref _runtime)))
                {
                    lease.Dispose(); // a discovery swapped its models in meanwhile: route on them
                    continue;
                }
                return lease;
            }
            lease.Dispose();
            waited ??= [];
            waited.UnionWith(due);
            // Each provider at most once per request: a run that failed is not retried before its cooldown, nor by this request.
            await Task.WhenAll(due.Select(p => p.RunAsync(ApplyDiscovered, runtime.Services))).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs every discovery of the current configuration now (joining runs in flight), whatever their state.</summary>
    internal async Task DiscoverAllAsync(CancellationToken cancellationToken)
    {
        MeshRuntime runtime;
        using (var lease = Acquire())
        {
            runtime = lease.Runtime;
        }
        if (runtime.Discovery is { } discovery)
        {
            await Task.WhenAll(discovery.Providers.Select(p => p.RunAsync(ApplyDiscovered, runtime.Services))).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Swaps in the current runtime with a provider's discovered models, as a reload swaps (requests in flight keep
    /// theirs); false, changing nothing, when the client is disposed or a reload replaced the configuration meanwhile.
    /// </summary>
    private bool ApplyDiscovered(Discovery.ProviderDiscovery provider, IReadOnlyList<Cdk.DiscoveredModel> found)
    {
        MeshRuntime previous;
        lock (_swapGate)
        {
            previous = _runtime;
            if (_disposed || previous.Discovery is not { } discovery || !discovery.Providers.Contains(provider))
            {
                return false;
            }
            var next = previous.WithDiscovered(provider, found, out var added);
            provider.Replaces = added.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            provider.MarkSucceeded();
            previous.HandOverProviders();
            Volatile.Write(ref _runtime, next);
        }
        previous.Retire();
        return true;
    }

    /// <summary>Replaces the runtime (after a config reload); requests in flight finish on the old one.</summary>
    /// <param name="next">The new runtime; retired at once when the client is already disposed.</param>
    /// <param name="onSwap">Applies what changes with the runtime (the budget), under the same lock; skipped when disposed.</param>
    internal void Swap(MeshRuntime next, Action? onSwap = null)
    {
        MeshRuntime previous;
        lock (_swapGate)
        {
            if (_disposed)
            {
                next.Retire();
                return;
            }
            onSwap?.Invoke();
            previous = _runtime;
            Volatile.Write(ref _runtime, next);
        }
        previous.Retire();
    }

    /// <summary>The model a minimal chat request would go to next (a dry run).</summary>
    private static string? NextModel(MeshRuntime runtime, RoutingPool pool)
    {
        var probe = new ChatCompletionRequest { Model = pool.Id, Messages = [ChatMessage.User(string.Empty)] };
        return new Router(runtime).Explain(pool, RequestDescriber.Chat(pool, probe, streaming: false, dryRun: true)).SelectedModel;
    }

    private static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private ModelHealth Health(string modelId) =>
        Current.HealthOf(modelId) ?? throw new ArgumentException($"The mesh has no model '{modelId}'.", nameof(modelId));

    private PoolStatus Status(RoutingPool pool)
    {
        var states = pool.Refresh();
        return new PoolStatus
        {
            PoolId = pool.Id,
            Strategy = pool.Policy.Id,
            Capability = pool.Definition.Capability,
            CurrentModel = NextModel(Current, pool),
            Models = states.Select(s => s.State).ToArray(),
        };
    }
}
