using ModelMesh.Routing;

namespace ModelMesh.Discovery;

/// <summary>
/// The model discovery of one built configuration: its discovering providers. The runtimes that discovery derives
/// from the built one share it; a reload builds a new one (new providers, new discovery).
/// </summary>
internal sealed class ModelDiscovery(IReadOnlyList<ProviderDiscovery> providers)
{
    public IReadOnlyList<ProviderDiscovery> Providers { get; } = providers;

    /// <summary>Whether every provider's discovery has succeeded once (then requests no longer look here).</summary>
    public bool Settled => Providers.All(p => p.Succeeded);

    /// <summary>
    /// The providers a request for <paramref name="model"/> should wait for now: those whose models could join the
    /// pool the name resolves to (a capability pool admitting the provider), or every one when the name resolves to
    /// nothing yet (it may be a model still to be discovered) — each only while due (see <see cref="ProviderDiscovery.IsDue"/>).
    /// </summary>
    public List<ProviderDiscovery>? Due(MeshRuntime runtime, string? model, DateTimeOffset now, HashSet<ProviderDiscovery>? waited)
    {
        PoolDefinition? pool;
        try
        {
            pool = runtime.ResolvePool(model ?? string.Empty).Definition;
        }
        catch (RoutingException)
        {
            pool = null;
        }
        List<ProviderDiscovery>? due = null;
        foreach (var provider in Providers)
        {
            if ((pool is null || Admits(pool, provider.ProviderId)) && waited?.Contains(provider) != true && provider.IsDue(now))
            {
                (due ??= []).Add(provider);
            }
        }
        return due;
    }

    /// <summary>Why discovery has not given <paramref name="pool"/> models, for a no-model error; null when nothing failed.</summary>
    public string? FailuresFor(PoolDefinition pool)
    {
        var failed = Providers.Where(p => !p.Succeeded && p.Failure is not null && Admits(pool, p.ProviderId))
            .Select(p => $"model discovery of provider '{p.ProviderId}' failed: {p.Failure}")
            .ToArray();
        return failed.Length == 0 ? null : string.Join("; ", failed);
    }

    /// <summary>Whether models of the provider could join the pool: it is a capability pool whose provider filters let them in.</summary>
    private static bool Admits(PoolDefinition pool, string providerId) =>
        pool.Capability is not null
        && !pool.ExcludedProviders.Contains(providerId, StringComparer.Ordinal)
        && (pool.Providers.Count == 0 || pool.Providers.Contains(providerId, StringComparer.Ordinal));
}
