using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using ModelMesh.Configuration;

namespace ModelMesh.Cdk;

/// <summary>
/// The base of every secret store. A store implements <see cref="ResolveCoreAsync"/> (look one name up, null when
/// absent); caching with a time-to-live, <c>fail_on_missing</c> and the public entry points are inherited.
/// </summary>
/// <remarks>
/// The hook is asynchronous so stores backed by a network service fit; the built-in stores complete synchronously.
/// Synchronous entry points (<see cref="TryResolve"/>, <c>Mesh.FromConfig</c>, <c>MeshConfiguration.Load</c>)
/// never block on a lookup: they throw <see cref="InvalidOperationException"/> for one that completes
/// asynchronously, and their asynchronous forms are the ones to use with such a store.
/// Only found values are cached, so a secret added later is seen on the next lookup. Neither <see cref="ToString"/>
/// nor any exception message of the base class contains a secret value.
/// </remarks>
public abstract class BaseSecretStore
{
    private readonly ConcurrentDictionary<string, CachedSecret> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates the store.</summary>
    /// <param name="options">Caching and missing-secret behaviour; null for the defaults.</param>
    protected BaseSecretStore(SecretStoreOptions? options)
    {
        Options = options ?? new SecretStoreOptions();
    }

    /// <summary>The connector id of the store, for example <c>modelmesh.env.v1</c>; used in messages.</summary>
    public abstract string ConnectorId { get; }

    /// <summary>Caching and missing-secret behaviour.</summary>
    public SecretStoreOptions Options { get; }

    /// <summary>Looks one secret up in the backing store, uncached.</summary>
    /// <param name="name">The secret's name, as written in <c>${secrets:NAME}</c>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The value, or null when the store has no secret of that name.</returns>
    protected abstract ValueTask<string?> ResolveCoreAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Where the store looks for <paramref name="name"/>, for a "not found" message (for example
    /// "environment variable 'MODELMESH_KEY'"); null when there is nothing useful to say. Never a value.
    /// </summary>
    protected virtual string? DescribeLookup(string name) => null;

    /// <summary>Resolves a secret, from the cache when it is fresh.</summary>
    /// <returns>The value; null when missing and <see cref="SecretStoreOptions.FailOnMissing"/> is off.</returns>
    /// <exception cref="SecretNotFoundException">The secret is missing and <see cref="SecretStoreOptions.FailOnMissing"/> is on.</exception>
    public async ValueTask<string?> ResolveAsync(string name, CancellationToken cancellationToken = default)
    {
        var value = await TryResolveAsync(name, cancellationToken).ConfigureAwait(false);
        if (value is null && Options.FailOnMissing)
        {
            throw NotFound(name);
        }
        return value;
    }

    /// <summary>Resolves a secret, from the cache when it is fresh; null when missing (whatever <c>fail_on_missing</c> says).</summary>
    public async ValueTask<string?> TryResolveAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = Options.TimeProvider.GetUtcNow();
        if (Options.CacheEnabled && _cache.TryGetValue(name, out var cached) && now < cached.ExpiresAt)
        {
            return cached.Value;
        }
        var value = await ResolveCoreAsync(name, cancellationToken).ConfigureAwait(false);
        if (value is not null && Options.CacheEnabled && Options.CacheTtl > TimeSpan.Zero)
        {
            _cache[name] = new CachedSecret(value, Routing.Timers.Add(now, Options.CacheTtl));
        }
        return value;
    }

    /// <summary>
    /// Resolves a secret synchronously; false when it is missing. Never blocks: it works for a store whose lookup
    /// completes synchronously (every built-in store, and any cached value), and throws for one that completes
    /// asynchronously — use <see cref="TryResolveAsync"/> there.
    /// </summary>
    /// <exception cref="InvalidOperationException">The lookup did not complete synchronously (it is cancelled).</exception>
    public bool TryResolve(string name, [NotNullWhen(true)] out string? value)
    {
        value = SynchronousCompletion.Run(ct => TryResolveAsync(name, ct), "BaseSecretStore.TryResolve", "BaseSecretStore.TryResolveAsync", this);
        return value is not null;
    }

    /// <summary>Forgets cached values: one name, or all when <paramref name="name"/> is null.</summary>
    public void Invalidate(string? name = null)
    {
        if (name is null)
        {
            _cache.Clear();
        }
        else
        {
            _cache.TryRemove(name, out _);
        }
    }

    /// <summary>The exception for a missing secret, naming where the store looked.</summary>
    protected SecretNotFoundException NotFound(string name) => new(name, ConnectorId, DescribeLookup(name));

    /// <summary>Why <paramref name="name"/> could not be resolved, as a clause for a configuration message.</summary>
    internal string DescribeMissing(string name)
    {
        var where = DescribeLookup(name);
        return $"secret '{name}' was not found in secret store '{ConnectorId}'{(where is null ? "" : " (" + where + ")")}";
    }

    /// <summary>The store's type and connector id; never a value.</summary>
    public override string ToString() => $"{GetType().Name} ({ConnectorId})";

    // Not a record: a generated ToString would print the value.
    private readonly struct CachedSecret(string value, DateTimeOffset expiresAt)
    {
        public string Value { get; } = value;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;
    }
}
