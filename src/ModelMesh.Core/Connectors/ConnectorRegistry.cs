using System.Collections.Concurrent;

namespace ModelMesh.Cdk;

/// <summary>
/// The provider connectors a mesh can build, by id (<c>openai.llm.v1</c>) or vendor short name (<c>openai</c>).
/// The OpenAI-compatible family is registered here; generated connectors register themselves from a module
/// initializer, and applications can <see cref="Register"/> their own.
/// </summary>
public static class ConnectorRegistry
{
    private static readonly ConcurrentDictionary<string, ProviderConnector> ById = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, ProviderConnector> ByVendor = new(StringComparer.OrdinalIgnoreCase);

    static ConnectorRegistry()
    {
        foreach (var connector in BuiltInConnectors.All)
        {
            Register(connector);
        }
    }

    /// <summary>Every registered connector, ordered by id.</summary>
    public static IReadOnlyList<ProviderConnector> Providers => ById.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();

    /// <summary>Registers a connector (replacing one with the same id).</summary>
    /// <param name="connector">The connector.</param>
    public static void Register(ProviderConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ById[connector.Id] = connector;
        ByVendor.TryAdd(connector.Vendor, connector);
    }

    /// <summary>Finds a connector by id or vendor short name.</summary>
    /// <param name="idOrVendor">A connector id or vendor name.</param>
    /// <param name="connector">The connector, when found.</param>
    public static bool TryGet(string idOrVendor, out ProviderConnector connector)
    {
        ArgumentNullException.ThrowIfNull(idOrVendor);
        if (ById.TryGetValue(idOrVendor, out connector!) || ByVendor.TryGetValue(idOrVendor, out connector!))
        {
            return true;
        }
        connector = null!;
        return false;
    }

    /// <summary>Finds a connector by id or vendor short name.</summary>
    /// <exception cref="ArgumentException">None is registered; the message lists those that are.</exception>
    public static ProviderConnector Get(string idOrVendor) =>
        TryGet(idOrVendor, out var connector)
            ? connector
            : throw new ArgumentException($"No provider connector '{idOrVendor}' is registered. Registered: {string.Join(", ", ById.Keys.Order(StringComparer.Ordinal))}.", nameof(idOrVendor));
}
