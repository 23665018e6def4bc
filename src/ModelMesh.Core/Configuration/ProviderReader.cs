namespace ModelMesh.Configuration;

/// <summary>Reads <c>providers:</c>.</summary>
internal static class ProviderReader
{
    private static readonly string[] Keys = ["connector", "enabled", "config", "api_key", "base_url"];

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
        return connector is null ? null : new ProviderConfiguration
        {
            Id = id,
            Connector = connector,
            Enabled = enabled,
            Config = config,
            Location = value.Location,
            Source = node,
        };
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
