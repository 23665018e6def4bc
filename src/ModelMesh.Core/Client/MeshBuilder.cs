using Microsoft.Extensions.AI;
using ModelMesh.Cdk;
using ModelMesh.ChatClients;
using ModelMesh.Routing;

namespace ModelMesh;

/// <summary>
/// Builds a <see cref="MeshClient"/> in code: providers, models, pools, budget and middleware. Config files and
/// <see cref="Mesh.Create(string, MeshOptions?)"/> go through the same builder.
/// </summary>
public sealed class MeshBuilder
{
    private readonly Dictionary<string, BaseProvider> _providers = new(StringComparer.Ordinal);
    private readonly List<ModelDefinition> _models = [];
    private readonly List<PoolDefinition> _pools = [];
    private readonly List<MeshMiddleware> _middleware = [];
    private BudgetOptions _budget = new();
    private TimeProvider _clock = TimeProvider.System;
    private bool _ownsProviders = true;

    /// <summary>Adds a provider instance; models refer to it by <see cref="BaseProvider.Id"/>.</summary>
    /// <param name="provider">The provider. The built client disposes it unless <see cref="KeepProvidersOpen"/> is called.</param>
    /// <exception cref="ArgumentException">Another provider has the same id.</exception>
    public MeshBuilder AddProvider(BaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (!_providers.TryAdd(provider.Id, provider))
        {
            throw new ArgumentException($"A provider with id '{provider.Id}' was already added.", nameof(provider));
        }
        return this;
    }

    /// <summary>
    /// Makes a Microsoft.Extensions.AI <see cref="IChatClient"/> a provider of the mesh: each model becomes the mesh
    /// model <c>providerId.model</c> serving chat completion, called with <see cref="ChatOptions.ModelId"/> set to
    /// the model. The client's failures are classified by type (see <see cref="ChatClientProvider"/>), so failover,
    /// cooldowns, budgets and the streaming contract apply as for a native provider. The client is not disposed
    /// with the mesh. Pricing, context window and features are unknown; add models with
    /// <see cref="AddModels"/> naming <paramref name="providerId"/> instead to give them.
    /// </summary>
    /// <param name="providerId">The provider id, the prefix of its models' ids.</param>
    /// <param name="client">The client.</param>
    /// <param name="models">The upstream model names the client serves.</param>
    /// <exception cref="ArgumentException">The id is empty or taken, a model name is empty, or a model id is taken.</exception>
    public MeshBuilder AddChatClient(string providerId, IChatClient client, params string[] models) =>
        AddChatClient(providerId, client, classify: null, models);

    /// <summary>
    /// <see cref="AddChatClient(string, IChatClient, string[])"/> with a classifier for the client's own exception
    /// types (for example the OpenAI SDK's <c>ClientResultException</c>, whose <c>Status</c> is the HTTP status).
    /// </summary>
    /// <param name="providerId">The provider id, the prefix of its models' ids.</param>
    /// <param name="client">The client.</param>
    /// <param name="classify">Classifies an exception the client threw, or returns null for the built-in rules.</param>
    /// <param name="models">The upstream model names the client serves.</param>
    /// <exception cref="ArgumentException">The id is empty or taken, a model name is empty, or a model id is taken.</exception>
    public MeshBuilder AddChatClient(string providerId, IChatClient client, Func<Exception, ErrorClassification?>? classify, params string[] models)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerId);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(models);
        if (models.Length == 0)
        {
            throw new ArgumentException($"AddChatClient('{providerId}') needs at least one model name.", nameof(models));
        }
        for (var i = 0; i < models.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(models[i]))
            {
                throw new ArgumentException($"AddChatClient('{providerId}'): models[{i}] is empty.", nameof(models));
            }
        }
        var definitions = models.Select(model => new ModelDefinition
        {
            Id = providerId + "." + model,
            ProviderId = providerId,
            UpstreamModel = model,
            Capabilities = [ChatCompletionCapability],
        }).ToArray();
        if (_providers.ContainsKey(providerId))
        {
            throw new ArgumentException($"A provider with id '{providerId}' was already added.", nameof(providerId));
        }
        // Checked before anything is added, so a failed call leaves the builder as it was.
        if (definitions.FirstOrDefault(d => _models.Any(m => m.Id == d.Id) || definitions.Count(o => o.Id == d.Id) > 1) is { } taken)
        {
            throw new ArgumentException($"A model with id '{taken.Id}' was already added.", nameof(models));
        }
        AddProvider(new ChatClientProvider(providerId, client, models, classify));
        return AddModels(definitions);
    }

    private const string ChatCompletionCapability = "chat-completion";

    /// <summary>Whether a provider with this id was added.</summary>
    public bool HasProvider(string providerId) => _providers.ContainsKey(providerId);

    /// <summary>Adds models.</summary>
    /// <exception cref="ArgumentException">A model id is already taken.</exception>
    public MeshBuilder AddModels(params IEnumerable<ModelDefinition> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        foreach (var model in models)
        {
            if (_models.Any(m => m.Id == model.Id))
            {
                throw new ArgumentException($"A model with id '{model.Id}' was already added.", nameof(models));
            }
            _models.Add(model);
        }
        return this;
    }

    /// <summary>Adds a pool.</summary>
    /// <exception cref="ArgumentException">A pool id is already taken.</exception>
    public MeshBuilder AddPool(PoolDefinition pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (_pools.Any(p => string.Equals(p.Id, pool.Id, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A pool with id '{pool.Id}' was already added.", nameof(pool));
        }
        _pools.Add(pool);
        return this;
    }

    /// <summary>
    /// Has the mesh discover the models provider <paramref name="providerId"/> serves (<see cref="BaseProvider.DiscoverModelsAsync"/>)
    /// at the first request that could route to it, and route to them as <c>providerId.&lt;upstream name&gt;</c>. Models
    /// added for the provider are kept, and a discovered name one of them serves gets no second entry. Building the
    /// client calls nothing; see docs/configuration.md, "Model discovery".
    /// </summary>
    /// <param name="providerId">A provider added to this builder (checked when building).</param>
    /// <param name="options">Timeout, cooldown and default capabilities; null for the defaults.</param>
    /// <exception cref="ArgumentException">The provider is already set to discover, or an option is out of range.</exception>
    public MeshBuilder DiscoverModels(string providerId, ModelDiscoveryOptions? options = null) => DiscoverModels(providerId, options ?? new ModelDiscoveryOptions(), [], []);

    /// <summary><see cref="DiscoverModels(string, ModelDiscoveryOptions?)"/> with the connector's catalogue for metadata and the fallback models a success replaces.</summary>
    internal MeshBuilder DiscoverModels(string providerId, ModelDiscoveryOptions options, IReadOnlyList<ModelDefinition> catalogue, IReadOnlyCollection<string> fallback)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerId);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(providerId);
        if (_discovering.Any(d => d.ProviderId == providerId))
        {
            throw new ArgumentException($"Provider '{providerId}' is already set to discover its models.", nameof(providerId));
        }
        _discovering.Add((providerId, options, catalogue, fallback));
        return this;
    }

    private readonly List<(string ProviderId, ModelDiscoveryOptions Options, IReadOnlyList<ModelDefinition> Catalogue, IReadOnlyCollection<string> Fallback)> _discovering = [];

    /// <summary>Sets the spending limits.</summary>
    public MeshBuilder UseBudget(BudgetOptions budget)
    {
        _budget = budget ?? throw new ArgumentNullException(nameof(budget));
        return this;
    }

    /// <summary>Adds middleware (run in the order added).</summary>
    public MeshBuilder Use(MeshMiddleware middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>
    /// Logs routing, retries, failovers, standby and recovery, budget refusals and interrupted streams through
    /// <paramref name="loggerFactory"/> (category <c>ModelMesh</c>; ids, classes and counts only, never a secret).
    /// </summary>
    public MeshBuilder UseLoggerFactory(Microsoft.Extensions.Logging.ILoggerFactory loggerFactory)
    {
        _logger = (loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory))).CreateLogger(Routing.MeshLog.Category);
        return this;
    }

    private Microsoft.Extensions.Logging.ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>
    /// Lets message content reach the mesh's logs and spans: the prompt and answer of chat calls, as trace-level
    /// log events 1004 and 1005 and as the request span's <c>gen_ai.input.messages</c> / <c>gen_ai.output.messages</c>.
    /// Off by default: without it no message content is ever logged, traced or measured.
    /// </summary>
    /// <param name="enabled">Whether content is logged.</param>
    public MeshBuilder LogContent(bool enabled = true)
    {
        _logContent = enabled;
        return this;
    }

    private bool _logContent;

    /// <summary>
    /// Creates the mesh's meter (<see cref="Telemetry.MeshTelemetry.MeterName"/>) through <paramref name="meterFactory"/>
    /// (the application's, from dependency injection), which then owns it. Without it the mesh creates its own meter
    /// and disposes it with the client.
    /// </summary>
    public MeshBuilder UseMeterFactory(System.Diagnostics.Metrics.IMeterFactory meterFactory)
    {
        _meterFactory = meterFactory ?? throw new ArgumentNullException(nameof(meterFactory));
        return this;
    }

    private System.Diagnostics.Metrics.IMeterFactory? _meterFactory;

    /// <summary>Sets the clock (tests).</summary>
    public MeshBuilder UseTimeProvider(TimeProvider clock)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        return this;
    }

    /// <summary>Leaves the providers open when the client is disposed (the caller owns them).</summary>
    public MeshBuilder KeepProvidersOpen()
    {
        _ownsProviders = false;
        return this;
    }

    /// <summary>Builds the client.</summary>
    /// <exception cref="ConfigurationException">A model names a missing provider, or a pool a missing model or unknown strategy.</exception>
    public MeshClient Build()
    {
        var metrics = new Telemetry.MeshMetrics(_meterFactory);
        var services = new MeshServices(_clock, new BudgetLedger(_budget, _clock), new UsageTracker(metrics), _middleware.ToArray())
        {
            Logger = _logger,
            LogContent = _logContent,
            Metrics = metrics,
        };
        try
        {
            return new MeshClient(BuildRuntime(services));
        }
        catch
        {
            metrics.Dispose();
            throw;
        }
    }

    internal MeshRuntime BuildRuntime(MeshServices services)
    {
        foreach (var model in _models.Where(m => !_providers.ContainsKey(m.ProviderId)))
        {
            throw new ConfigurationException($"Model '{model.Id}' names provider '{model.ProviderId}', which was not added. Providers: {string.Join(", ", _providers.Keys)}.", keyPath: $"models.{model.Id}.provider");
        }
        foreach (var pool in _pools.Where(p => p.Policy is null && !RotationPolicies.TryResolve(p.Strategy, out _)))
        {
            throw new ConfigurationException($"Pool '{pool.Id}' uses unknown strategy '{pool.Strategy}'. Known: {string.Join(", ", RotationPolicies.Ids)}.", keyPath: $"pools.{pool.Id}.strategy");
        }
        foreach (var discovering in _discovering.Where(d => !_providers.ContainsKey(d.ProviderId)))
        {
            throw new ConfigurationException($"Provider '{discovering.ProviderId}' is set to discover its models but was not added. Providers: {string.Join(", ", _providers.Keys)}.", keyPath: $"providers.{discovering.ProviderId}");
        }
        var discovery = _discovering.Count == 0 ? null
            : new Discovery.ModelDiscovery(_discovering.Select(d => new Discovery.ProviderDiscovery(_providers[d.ProviderId], d.Options, d.Catalogue, d.Fallback)).ToArray());
        return new MeshRuntime(new Dictionary<string, BaseProvider>(_providers), _models.ToArray(), _pools.ToArray(), services, _ownsProviders) { Discovery = discovery, Pending = discovery };
    }
}
