namespace ModelMesh.Configuration;

/// <summary>Reads <c>providers:</c>.</summary>
internal static class ProviderReader
{
    private static readonly string[] Keys =
        ["connector", "enabled", "config", "api_key", "base_url", "discover_models", "discovered_capabilities", "discovery_timeout", "discovery_cooldown"];

    // Documented provider-level keys that are shorthand for the same keys under config.
    private static readonly string[] Shorthands = ["api_key", "base_url"];

    internal static IReadOnlyDictionary<string, ProviderConfiguration> Read(ConfigNode section, ReadContext context)
    {
        var result = new List<KeyValuePair<string, ProviderConfiguration>>();
        foreach (var entry in context.Mapping(section).Entries)
        {
            if (ReadOne(entry.Key, entry.Value, context) is { } provider)
            {
                result.Add(KeyValuePair.Create(entry.Key, provider));
            }
        }
        return new OrderedReadOnlyDictionary<string, ProviderConfiguration>(result);
    }

    private static ProviderConfiguration? ReadOne(string id, ConfigNode value, ReadContext context)
    {
        var node = context.Mapping(value, Keys);
        var connector = context.Try(() => node.Require("connector").GetString());
        var enabled = context.Optional(node, "enabled", n => n.GetBool(), true);
        var config = MergeConfig(value, node, context);
        var discover = context.Optional<bool?>(node, "discover_models", n => n.GetBool(), null);
        var capabilities = context.Optional<IReadOnlyList<string>?>(node, "discovered_capabilities", ReadCapabilities, null);
        var timeout = context.Optional<TimeSpan?>(node, "discovery_timeout", n => n.GetTimeSpan(TimeSpan.Zero, ConfigurationLimits.MaxRequestDuration, minExclusive: true), null);
        var cooldown = context.Optional<TimeSpan?>(node, "discovery_cooldown", n => n.GetTimeSpan(TimeSpan.Zero, ConfigurationLimits.MaxCooldown), null);
        return connector is null ? null : new ProviderConfiguration
        {
            Id = id,
            Connector = connector,
            Enabled = enabled,
            DiscoverModels = discover,
            DiscoveredCapabilities = capabilities,
            DiscoveryTimeout = timeout,
            DiscoveryCooldown = cooldown,
            Config = config,
            Location = value.Location,
            Source = node,
        };
    }

    /// <summary>A non-empty list of capabilities (paths or short names), each resolved; a wrong entry is located.</summary>
    private static IReadOnlyList<string> ReadCapabilities(ConfigNode node)
    {
        if (node.Kind != ConfigNodeKind.Sequence || node.Items.Count == 0)
        {
            throw node.Mismatch("a non-empty list of capabilities (paths or short names)");
        }
        return node.Items.Select(CapabilityReader.Resolve).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static ConfigNode? MergeConfig(ConfigNode value, ConfigNode node, ReadContext context)
    {
        var config = node.Get("config");
        var mapping = config is null ? null : context.Try(config.GetMapping);
        if (config is not null && mapping is null)
        {
            return null;
        }
        var shorthands = Shorthands.Where(node.ContainsKey).ToArray();
        if (shorthands.Length == 0)
        {
            return mapping;
        }
        var entries = (mapping?.Entries ?? []).ToList();
        foreach (var key in shorthands)
        {
            var shorthand = node.Get(key);
            if (shorthand is null)
            {
                continue;
            }
            if (mapping is not null && mapping.ContainsKey(key))
            {
                context.Add($"'{key}' is set both here and under 'config'; set it once.", shorthand.Location);
                continue;
            }
            entries.Add(KeyValuePair.Create(key, shorthand));
        }
        var location = mapping?.Location ?? value.Location.WithKeyPath(ConfigLocation.AppendKey(value.Location.KeyPath, "config"));
        return ConfigNode.Mapping(location, entries, mapping?.AcceptsOtherSpellings ?? node.AcceptsOtherSpellings);
    }
}
