using System.Collections.Concurrent;

namespace ModelMesh.Cdk;

/// <summary><c>modelmesh.memory-secrets.v1</c>: secrets held in memory (tests, or secrets fetched by the host itself).</summary>
public sealed class MemorySecretStore : BaseSecretStore, ISecretManagement
{
    /// <summary>The connector id.</summary>
    public const string Id = "modelmesh.memory-secrets.v1";

    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);

    /// <summary>Creates the store.</summary>
    /// <param name="secrets">The initial secrets (name → value); null for none.</param>
    /// <param name="options">Caching and missing-secret behaviour.</param>
    public MemorySecretStore(IEnumerable<KeyValuePair<string, string>>? secrets = null, SecretStoreOptions? options = null)
        : base(options)
    {
        foreach (var secret in secrets ?? [])
        {
            Set(secret.Key, secret.Value);
        }
    }

    /// <inheritdoc/>
    public override string ConnectorId => Id;

    /// <inheritdoc/>
    public void Set(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _secrets[name] = value;
        Invalidate(name); // a changed secret must not be served stale from the cache
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> List() => _secrets.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <inheritdoc/>
    public bool Delete(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Invalidate(name);
        return _secrets.TryRemove(name, out _);
    }

    /// <inheritdoc/>
    protected override ValueTask<string?> ResolveCoreAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_secrets.TryGetValue(name, out var value) ? value : null);
}
