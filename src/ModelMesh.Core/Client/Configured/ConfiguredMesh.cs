using ModelMesh.Cdk;
using ModelMesh.Routing;

namespace ModelMesh.Configuration;

/// <summary>
/// Turns a validated <see cref="MeshConfiguration"/> into a running mesh: every provider through the connector
/// registry, every model, every pool with its strategy, the budget and the observability connector. All
/// problems found are reported together, each at its file, line and key path.
/// </summary>
internal static class ConfiguredMesh
{
    /// <exception cref="ConfigurationException">The configuration cannot be built; every problem is listed.</exception>
    /// <remarks>Whatever fails (a connector's factory too), the providers already built are released before it propagates.</remarks>
    public static MeshClient Create(MeshConfiguration configuration, MeshConfigOptions options)
    {
        var plan = Plan(configuration, options);
        var metrics = new Telemetry.MeshMetrics(options.MeterFactory);
        var services = new MeshServices(options.TimeProvider, new BudgetLedger(plan.Budget, options.TimeProvider), new UsageTracker(metrics), [.. options.Middleware, .. plan.Middleware])
        {
            Logger = options.LoggerFactory?.CreateLogger(Routing.MeshLog.Category) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            LogContent = options.LogContent,
            Metrics = metrics,
        };
        try
        {
            return new MeshClient(Build(plan, services));
        }
        catch
        {
            metrics.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Builds the new configuration beside the running one, then swaps runtime and budget in together; spend and
    /// usage carry over. If anything fails while it is built, the running set-up is untouched and what was built is
    /// released before the exception propagates.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The client is disposed (nothing is built).</exception>
    public static void Reload(MeshClient client, MeshConfiguration configuration, MeshConfigOptions options)
    {
        var current = client.Services;
        var plan = Plan(configuration, options);
        var next = Build(plan, current with { Middleware = [.. options.Middleware, .. plan.Middleware] });
        client.Swap(next, onSwap: () => current.Budget.Options = plan.Budget);
    }

    /// <summary>The runtime of a plan; when building it fails, the plan's providers are released.</summary>
    private static MeshRuntime Build(Built plan, MeshServices services)
    {
        try
        {
            return plan.Builder.BuildRuntime(services);
        }
        catch
        {
            plan.Release();
            throw;
        }
    }

    private sealed record Built(MeshBuilder Builder, BudgetOptions Budget, IReadOnlyList<MeshMiddleware> Middleware, IReadOnlyList<BaseProvider> Providers)
    {
        public void Release()
        {
            foreach (var provider in Providers)
            {
                provider.Dispose();
            }
        }
    }

    private static Built Plan(MeshConfiguration configuration, MeshConfigOptions options)
    {
        var problems = new List<ConfigurationProblem>();
        var enabled = configuration.Providers.Values.Where(p => p.Enabled).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var models = configuration.Models.Values.Where(m => enabled.ContainsKey(m.Provider)).Select(Model)
            .Concat(enabled.Values.SelectMany(p => CatalogueModels.For(p, configuration.Models)))
            .ToArray();
        var pools = configuration.Pools.Values.Select(p => Pool(p, models, problems)).ToArray();
        var discovering = enabled.Values.Select(p => (Provider: p, Options: ConfiguredDiscovery.For(p, configuration.Models)))
            .Where(d => d.Options is not null).Select(d => (d.Provider, Options: d.Options!)).ToArray();
        foreach (var (pool, planned) in configuration.Pools.Values.Zip(pools))
        {
            // A pool that only discovery can fill is checked when it routes: its "no model" error then says what discovery found.
            if (!models.Any(planned.Definition.Includes) && !discovering.Any(d => ConfiguredDiscovery.MayFeed(planned.Definition, d.Provider, d.Options)))
            {
                problems.Add(new ConfigurationProblem(PoolWithoutModels.Describe(pool, configuration), pool.Location));
            }
        }
        var builder = new MeshBuilder().UseTimeProvider(options.TimeProvider);
        var created = new List<BaseProvider>();
        try
        {
            foreach (var provider in enabled.Values)
            {
                var discovery = discovering.FirstOrDefault(d => d.Provider == provider).Options;
                var connect = pools.Where(p => models.Any(m => m.ProviderId == provider.Id && p.Definition.Includes(m)) || (discovery is not null && ConfiguredDiscovery.MayFeed(p.Definition, provider, discovery)))
                    .Select(p => p.Connect).Where(t => t is not null).Min();
                try
                {
                    var instance = ProviderFactory.Create(provider, connect, options, [.. models.Where(m => m.ProviderId == provider.Id).Select(m => m.WireModel)]);
                    created.Add(instance);
                    builder.AddProvider(instance);
                }
                catch (ConfigurationException error)
                {
                    problems.AddRange(error.Problems);
                }
            }
            var middleware = new List<MeshMiddleware>();
            Observability(configuration.Observability, middleware, problems);
            Unsupported(configuration.Storage, "storage", ["modelmesh.memory.v1"], problems);
            Unsupported(configuration.Discovery, "discovery", [], problems);
            if (problems.Count > 0)
            {
                throw new ConfigurationException(problems.OrderBy(p => p.Location.Line ?? int.MaxValue).ToArray());
            }
            builder.AddModels(models.Where(m => builder.HasProvider(m.ProviderId)));
            foreach (var (provider, discovery) in discovering.Where(d => builder.HasProvider(d.Provider.Id)))
            {
                // The catalogue models served until discovery succeeds are the ones it replaces; models listed for the provider stay.
                var fallback = CatalogueModels.For(provider, configuration.Models).Select(m => m.Id).ToArray();
                builder.DiscoverModels(provider.Id, discovery, ConfiguredDiscovery.Catalogue(provider), fallback);
            }
            foreach (var pool in pools)
            {
                builder.AddPool(pool.Definition);
            }
            return new Built(builder, Budget(configuration.Budget), middleware, created);
        }
        catch
        {
            // Whatever failed (a connector's factory throwing, not only a configuration problem), nothing stays open.
            created.ForEach(p => p.Dispose());
            throw;
        }
    }

    private static ModelDefinition Model(ModelConfiguration model) => new()
    {
        Id = model.Id,
        ProviderId = model.Provider,
        UpstreamModel = model.Model,
        Capabilities = model.Capabilities,
        ContextWindow = model.Constraints.ContextWindow,
        MaxOutputTokens = model.Constraints.MaxOutputTokens,
        Pricing = model.Pricing is { } p ? new ModelPricing(p.InputPer1K, p.OutputPer1K, p.PerRequest) : null,
        Features = Features(model.Features),
        DailyRequestLimit = model.Limits.Requests,
        DailyTokenLimit = model.Limits.Tokens,
        DailyCostLimit = model.Limits.Cost,
    };

    /// <summary>
    /// A <c>features:</c> section lists what is known; a feature it does not mention is assumed supported, one set
    /// to false is not. Without the section nothing is known and requests are not filtered by feature.
    /// </summary>
    private static ModelFeatures? Features(ModelFeaturesConfiguration features)
    {
        (bool? Flag, ModelFeatures Feature)[] known =
        [
            (features.Tools, ModelFeatures.Tools), (features.Vision, ModelFeatures.Vision), (features.JsonSchema, ModelFeatures.JsonSchema),
            (features.JsonMode, ModelFeatures.JsonMode), (features.Streaming, ModelFeatures.Streaming), (features.SystemPrompt, ModelFeatures.SystemPrompt),
            (features.AudioInput, ModelFeatures.AudioInput), (features.Reasoning, ModelFeatures.Reasoning),
        ];
        if (known.All(k => k.Flag is null))
        {
            return null;
        }
        var all = ModelFeatures.Tools | ModelFeatures.Vision | ModelFeatures.JsonSchema | ModelFeatures.JsonMode | ModelFeatures.Streaming | ModelFeatures.SystemPrompt | ModelFeatures.AudioInput | ModelFeatures.Reasoning;
        return known.Where(k => k.Flag == false).Aggregate(all, (set, k) => set & ~k.Feature);
    }

    private sealed record PlannedPool(PoolDefinition Definition, TimeSpan? Connect);

    private static PlannedPool Pool(PoolConfiguration pool, IReadOnlyList<ModelDefinition> models, List<ConfigurationProblem> problems)
    {
        if (!RotationPolicies.TryResolve(pool.Strategy, out var strategy))
        {
            problems.Add(new ConfigurationProblem($"Unknown strategy '{pool.Strategy}'. Known: {string.Join(", ", RotationPolicies.Ids)} (short names work too).", pool.LocationOf("strategy")));
            strategy = RotationStrategies.StickUntilFailure;
        }
        var present = models.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var definition = new PoolDefinition
        {
            Id = pool.Id,
            Capability = pool.Capability,
            Models = pool.Models.Where(present.Contains).ToArray(), // models of disabled providers drop out
            Providers = pool.Providers,
            ExcludedProviders = pool.ExcludedProviders,
            Strategy = strategy,
            Rotation = new RotationPolicyOptions
            {
                FailureThreshold = pool.FailureThreshold,
                ErrorRateThreshold = pool.ErrorRateThreshold,
                ErrorRateWindow = pool.ErrorRateWindow,
                ErrorRateMinimumRequests = Math.Min(new RotationPolicyOptions().ErrorRateMinimumRequests, pool.ErrorRateWindow),
                Cooldown = pool.Cooldown,
                ModelPriority = pool.ModelPriority,
                ProviderPriority = pool.ProviderPriority,
                ModelWeights = pool.ModelWeights,
                ModelRequestLimits = pool.ModelRequestLimits,
                ModelTokenLimits = pool.ModelTokenLimits,
                SessionHeader = pool.SessionHeader,
                LatencyWindow = pool.LatencyWindow,
                MaxLatency = pool.MaxLatency,
                Extra = Flatten(pool.StrategyConfig),
            },
            Retry = new RetryOptions
            {
                MaxAttempts = pool.Retry.MaxAttempts,
                InitialDelay = pool.Retry.InitialDelay,
                MaxDelay = pool.Retry.MaxDelay,
                HonorRetryAfter = pool.Retry.HonorRetryAfter,
                TotalTimeout = pool.Retry.TotalTimeout,
                AttemptTimeout = pool.Retry.AttemptTimeout,
            },
            Timeouts = new StreamTimeouts { FirstToken = pool.Timeouts.FirstToken, Idle = pool.Timeouts.Idle, Total = pool.Timeouts.Total },
        };
        return new PlannedPool(definition, pool.Timeouts.Connect);
    }

    /// <summary>A custom strategy's settings as dotted keys (<c>peak_hours.start</c>) to string values.</summary>
    private static IReadOnlyDictionary<string, string> Flatten(ConfigNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(ConfigNode current, string prefix)
        {
            switch (current.Kind)
            {
                case ConfigNodeKind.Scalar:
                    result[prefix] = current.Value!;
                    break;
                case ConfigNodeKind.Mapping:
                    foreach (var (key, child) in current.Entries)
                    {
                        Walk(child, prefix.Length == 0 ? key : prefix + "." + key);
                    }
                    break;
                case ConfigNodeKind.Sequence:
                    for (var i = 0; i < current.Items.Count; i++)
                    {
                        Walk(current.Items[i], $"{prefix}[{i}]");
                    }
                    break;
            }
        }
        if (node is not null)
        {
            Walk(node, string.Empty);
        }
        return result;
    }

    private static BudgetOptions Budget(BudgetConfiguration? budget) => budget is null ? new BudgetOptions() : new BudgetOptions
    {
        DailyLimit = budget.DailyLimit,
        MonthlyLimit = budget.MonthlyLimit,
        PerRequestLimit = budget.PerRequestLimit,
        AlertThreshold = budget.AlertThreshold,
        Enforce = budget.Enforce,
        ProviderDailyLimits = budget.ProviderLimits,
    };

    private static void Observability(ConnectorConfiguration? observability, List<MeshMiddleware> middleware, List<ConfigurationProblem> problems)
    {
        switch (observability?.Connector)
        {
            case null or ConsoleObservability.NullId:
                return;
            case ConsoleObservability.Id:
                try
                {
                    middleware.Add(ConsoleObservability.FromConfig(observability.Config, Console.Error));
                }
                catch (ConfigurationException error)
                {
                    problems.AddRange(error.Problems);
                }
                return;
            default:
                problems.Add(new ConfigurationProblem($"Observability connector '{observability.Connector}' is not available yet. Available: {ConsoleObservability.NullId}, {ConsoleObservability.Id}.", observability.LocationOf("connector")));
                return;
        }
    }

    private static void Unsupported(ConnectorConfiguration? section, string name, string[] available, List<ConfigurationProblem> problems)
    {
        if (section is not null && !available.Contains(section.Connector, StringComparer.Ordinal))
        {
            var alternatives = available.Length == 0 ? "none yet" : string.Join(", ", available);
            problems.Add(new ConfigurationProblem($"The {name} connector '{section.Connector}' is not available yet (available: {alternatives}).", section.LocationOf("connector")));
        }
    }
}
