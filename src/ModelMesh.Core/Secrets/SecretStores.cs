using ModelMesh.Configuration;

namespace ModelMesh.Cdk;

/// <summary>Builds the built-in secret stores from a connector id and its <c>config:</c> section.</summary>
/// <remarks>
/// Keys every store accepts: <c>cache_enabled</c> (bool), <c>cache_ttl_ms</c> (whole milliseconds) or
/// <c>cache_ttl</c> (a duration), <c>fail_on_missing</c> (bool). Per store: env — <c>prefix</c>; dotenv —
/// <c>path</c>; json-secrets — <c>file_path</c> (required), <c>json_path</c>; memory-secrets — <c>secrets</c>
/// (name → value).
/// </remarks>
public static class SecretStores
{
    private static readonly string[] CommonKeys = ["cache_enabled", "cache_ttl_ms", "cache_ttl", "fail_on_missing"];

    /// <summary>The connector ids <see cref="Create"/> knows, the default first.</summary>
    public static IReadOnlyList<string> KnownIds { get; } =
        [EnvSecretStore.Id, DotenvSecretStore.Id, JsonSecretStore.Id, MemorySecretStore.Id];

    /// <summary>Whether <paramref name="connectorId"/> names a built-in store.</summary>
    public static bool IsKnown(string connectorId) => KnownIds.Contains(connectorId, StringComparer.Ordinal);

    /// <summary>Builds the store <paramref name="connectorId"/> from its configuration.</summary>
    /// <param name="connectorId">One of <see cref="KnownIds"/>.</param>
    /// <param name="config">The store's <c>config:</c> settings (<see cref="ConnectorSettings.Parse"/> reads them from YAML); null for the defaults.</param>
    /// <param name="environment">Reads environment variables for the env store; default the process environment.</param>
    /// <param name="timeProvider">The cache's clock; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ConfigurationException">The id is unknown (the message lists the known ones), or the config is invalid.</exception>
    public static BaseSecretStore Create(string connectorId, ConnectorSettings? config = null,
        Func<string, string?>? environment = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connectorId);
        var mapping = config?.Node ?? ConfigNode.Null(ConfigLocation.Root(null)).GetMapping();
        switch (connectorId)
        {
            case EnvSecretStore.Id:
                mapping.EnsureOnlyKeys([.. CommonKeys, "prefix"]);
                return new EnvSecretStore(mapping.Get("prefix")?.GetString(), environment, Options(mapping, timeProvider));
            case DotenvSecretStore.Id:
                mapping.EnsureOnlyKeys([.. CommonKeys, "path"]);
                return new DotenvSecretStore(mapping.Get("path")?.GetString(), Options(mapping, timeProvider));
            case JsonSecretStore.Id:
                mapping.EnsureOnlyKeys([.. CommonKeys, "file_path", "json_path"]);
                return new JsonSecretStore(mapping.Require("file_path").GetString(), mapping.Get("json_path")?.GetString(),
                    Options(mapping, timeProvider));
            case MemorySecretStore.Id:
                mapping.EnsureOnlyKeys([.. CommonKeys, "secrets"]);
                return new MemorySecretStore(mapping.Get("secrets")?.GetStringMap(), Options(mapping, timeProvider));
            default:
                throw new ConfigurationException(UnknownIdMessage(connectorId), mapping.Location);
        }
    }

    /// <summary>"Unknown secret store 'x'. Did you mean …? Known: …".</summary>
    internal static string UnknownIdMessage(string connectorId)
    {
        var nearest = Suggestions.Nearest(connectorId, KnownIds);
        var hint = nearest is null ? string.Empty : $" Did you mean '{nearest}'?";
        return $"Unknown secret store '{connectorId}'.{hint} Known stores: {string.Join(", ", KnownIds)}.";
    }

    private static SecretStoreOptions Options(ConfigNode mapping, TimeProvider? timeProvider)
    {
        var ttlMs = mapping.Get("cache_ttl_ms");
        var ttl = mapping.Get("cache_ttl");
        if (ttlMs is not null && ttl is not null)
        {
            throw ttl.Error("Set either 'cache_ttl' or 'cache_ttl_ms', not both.");
        }
        return new SecretStoreOptions
        {
            CacheEnabled = mapping.Get("cache_enabled")?.GetBool() ?? true,
            CacheTtl = ttl?.GetTimeSpan()
                ?? (ttlMs is null ? SecretStoreOptions.DefaultCacheTtl : TimeSpan.FromMilliseconds(ttlMs.GetInt64(0, (long)TimeSpan.FromDays(365).TotalMilliseconds))),
            FailOnMissing = mapping.Get("fail_on_missing")?.GetBool() ?? true,
            TimeProvider = timeProvider ?? TimeProvider.System,
        };
    }
}
