namespace ModelMesh.Cdk;

/// <summary>Behaviour every secret store inherits from <see cref="BaseSecretStore"/>: caching and missing-secret handling.</summary>
public sealed class SecretStoreOptions
{
    /// <summary>The default time a resolved secret is cached: 300 s, as in ModelMesh.</summary>
    public static readonly TimeSpan DefaultCacheTtl = TimeSpan.FromSeconds(300);

    /// <summary>Whether resolved secrets are cached for <see cref="CacheTtl"/>. Default true (<c>cache_enabled</c>).</summary>
    public bool CacheEnabled { get; init; } = true;

    /// <summary>How long a resolved secret is reused before the store is asked again. Default 300 s (<c>cache_ttl_ms</c>).</summary>
    public TimeSpan CacheTtl { get; init; } = DefaultCacheTtl;

    /// <summary>
    /// Whether <see cref="BaseSecretStore.ResolveAsync"/> throws <see cref="SecretNotFoundException"/> for a missing
    /// secret (true, the default, <c>fail_on_missing</c>) or returns null. A <c>${secrets:NAME}</c> reference in a
    /// configuration file that cannot be resolved is an error either way.
    /// </summary>
    public bool FailOnMissing { get; init; } = true;

    /// <summary>The clock the cache expires by. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
