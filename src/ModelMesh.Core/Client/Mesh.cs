using ModelMesh.Cdk;

namespace ModelMesh;

/// <summary>
/// Entry points: <c>Mesh.Create("chat-completion")</c> finds providers in the environment and builds one pool
/// per capability; <see cref="MeshBuilder"/> builds a mesh in code.
/// </summary>
public static partial class Mesh
{
    /// <summary>Creates a mesh with one pool for a capability, from the providers found in the environment.</summary>
    /// <param name="capability">A capability path or alias (for example <c>chat-completion</c>); also the pool's id.</param>
    /// <param name="options">Provider and model filters, strategy, explicit keys, budget; null for defaults.</param>
    /// <exception cref="ConfigurationException">No provider was found, or none serves the capability; the message names the variables to set.</exception>
    /// <exception cref="UnknownCapabilityException">The capability is not in the taxonomy.</exception>
    public static MeshClient Create([CapabilityName] string capability, MeshOptions? options = null) => Create([capability], options);

    /// <summary>Creates a mesh with one pool per capability (named as given), from the providers found in the environment.</summary>
    /// <param name="capabilities">Capability paths or aliases.</param>
    /// <param name="options">Provider and model filters, strategy, explicit keys, budget; null for defaults.</param>
    /// <exception cref="ConfigurationException">No provider was found, or none serves a capability.</exception>
    /// <exception cref="UnknownCapabilityException">A capability is not in the taxonomy.</exception>
    public static MeshClient Create([CapabilityName] IReadOnlyList<string> capabilities, MeshOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        options = WithTemplate(options ?? new MeshOptions());
        if (capabilities.Count == 0 && options.Pool is null)
        {
            throw new ArgumentException("Name at least one capability (for example \"chat-completion\") or a pool.", nameof(capabilities));
        }
        var resolved = capabilities.Select(c => (Name: c, Path: Capabilities.Resolve(c))).ToArray();
        var found = EnvironmentProviders.Detect(options);
        var builder = new MeshBuilder().UseBudget(options.Budget).UseTimeProvider(options.TimeProvider);
        if (options.LoggerFactory is { } loggers)
        {
            builder.UseLoggerFactory(loggers);
        }
        if (options.MeterFactory is { } meters)
        {
            builder.UseMeterFactory(meters);
        }
        builder.LogContent(options.LogContent);
        foreach (var middleware in options.Middleware)
        {
            builder.Use(middleware);
        }
        foreach (var provider in found.Providers)
        {
            provider.AddTo(builder);
        }
        var models = found.Providers.SelectMany(p => p.Models).ToArray();
        var unserved = resolved.Where(c => !found.Providers.Any(p => p.MayServe(c.Path))).Select(c => c.Name).ToArray();
        if (unserved.Length > 0)
        {
            foreach (var provider in found.Providers)
            {
                provider.Instance.Dispose();
            }
            throw new ConfigurationException($"No model of the providers found ({string.Join(", ", found.Providers.Select(p => p.Instance.Id))}) serves {string.Join(", ", unserved)}. {found.Hint}");
        }
        if (options.Pool is not null)
        {
            builder.AddPool(Pool(options.Pool, capabilities.Count == 1 ? resolved[0].Path : null, capabilities.Count > 1 ? models.Where(m => resolved.Any(c => m.Serves(c.Path))).Select(m => m.Id).ToArray() : [], options));
        }
        else
        {
            foreach (var (name, path) in resolved)
            {
                builder.AddPool(Pool(name, path, [], options));
            }
        }
        return builder.Build();
    }

    /// <summary>Fills in what the template sets wherever the options still hold their defaults.</summary>
    private static MeshOptions WithTemplate(MeshOptions options)
    {
        if (options.Template is null)
        {
            return options;
        }
        if (!MeshTemplates.TryGet(options.Template, out var template))
        {
            throw new ArgumentException($"Unknown template '{options.Template}'. Known: {string.Join(", ", MeshTemplates.Names)}.", nameof(options));
        }
        var defaults = new MeshOptions();
        var rotation = options.Rotation;
        if (template.FailureThreshold is int threshold && rotation.FailureThreshold == defaults.Rotation.FailureThreshold)
        {
            rotation = rotation with { FailureThreshold = threshold };
        }
        if (template.Cooldown is TimeSpan cooldown && rotation.Cooldown == defaults.Rotation.Cooldown)
        {
            rotation = rotation with { Cooldown = cooldown };
        }
        var budget = options.Budget;
        if (template.Budget is { } limits && budget.DailyLimit is null && budget.MonthlyLimit is null && budget.PerRequestLimit is null && budget.ProviderDailyLimits.Count == 0)
        {
            budget = new BudgetOptions { DailyLimit = limits.DailyLimit, MonthlyLimit = limits.MonthlyLimit, PerRequestLimit = limits.PerRequestLimit, AlertThreshold = limits.AlertThreshold, Enforce = limits.Enforce };
        }
        return options with
        {
            Strategy = template.Strategy is { } strategy && options.Strategy == defaults.Strategy ? strategy : options.Strategy,
            Budget = budget,
            Rotation = rotation,
        };
    }

    private static PoolDefinition Pool(string id, string? capability, IReadOnlyList<string> models, MeshOptions options) => new()
    {
        Id = id,
        Capability = capability,
        Models = models,
        Strategy = options.Strategy,
        Rotation = options.Rotation,
        Retry = options.Retry,
        Timeouts = options.Timeouts,
    };
}
