using ModelMesh.Cdk;

namespace ModelMesh.Configuration;

/// <summary>Reads the smaller top-level sections: secrets, budget, storage/observability/discovery, proxy, connectors.</summary>
internal static class SectionReaders
{
    internal static SecretsConfiguration ReadSecrets(ConfigNode? section, bool customStore, ReadContext context)
    {
        if (section is null)
        {
            return new SecretsConfiguration();
        }
        var node = context.Mapping(section, "store", "config");
        var storeNode = node.Get("store");
        var store = storeNode is null ? EnvSecretStore.Id : context.Try(storeNode.GetString);
        // A caller-supplied store may be a custom one, so only a file-built store must be a built-in id.
        if (store is not null && storeNode is not null && !customStore && !SecretStores.IsKnown(store))
        {
            context.Add(storeNode.IsSensitive
                ? $"Unknown secret store: {storeNode.Quote()}. Built-in stores: {string.Join(", ", SecretStores.KnownIds)}."
                : SecretStores.UnknownIdMessage(store), storeNode.Location);
            store = null;
        }
        var config = node.Get("config");
        if (config is not null)
        {
            context.Try(config.GetMapping);
        }
        return new SecretsConfiguration
        {
            Store = store ?? EnvSecretStore.Id,
            Config = config,
            Location = section.Location,
            Source = node,
        };
    }

    internal static BudgetConfiguration? ReadBudget(ConfigNode? section, IReadOnlyCollection<string> providerIds, ReadContext context)
    {
        if (section is null)
        {
            return context.Template?.Budget;
        }
        var node = context.Mapping(section, "daily_limit", "monthly_limit", "per_request_limit", "alert_threshold", "enforce", "provider_limits");
        return new BudgetConfiguration
        {
            DailyLimit = context.Optional<decimal?>(node, "daily_limit", n => Amount(n), null),
            MonthlyLimit = context.Optional<decimal?>(node, "monthly_limit", n => Amount(n), null),
            PerRequestLimit = context.Optional<decimal?>(node, "per_request_limit", n => Amount(n), null),
            AlertThreshold = context.Optional(node, "alert_threshold", n => n.GetDouble(0, 1), 0.8),
            Enforce = context.Optional(node, "enforce", n => n.GetBool(), true),
            ProviderLimits = context.IdMap(node, "provider_limits", providerIds, "provider", Amount),
            Location = section.Location,
            Source = node,
        };
    }

    private static decimal Amount(ConfigNode node) => node.GetDecimal(0, ConfigurationLimits.MaxAmount);

    internal static ConnectorConfiguration? ReadConnector(ConfigNode? section, ReadContext context)
    {
        if (section is null)
        {
            return null;
        }
        var node = context.Mapping(section, "connector", "config");
        var connector = context.Try(() => node.Require("connector").GetString());
        var config = node.Get("config");
        if (config is not null)
        {
            context.Try(config.GetMapping);
        }
        return connector is null ? null : new ConnectorConfiguration
        {
            Connector = connector,
            Config = config,
            Location = section.Location,
            Source = node,
        };
    }

    internal static ProxyConfiguration? ReadProxy(ConfigNode? section, ReadContext context)
    {
        if (section is null)
        {
            return null;
        }
        var node = context.Mapping(section, "host", "port", "token", "auth", "cors", "endpoints", "rate_limit", "max_body_size", "drain_timeout");
        var auth = node.Get("auth") is { } authSection ? context.Mapping(authSection, "method", "tokens") : null;
        var rate = node.Get("rate_limit") is { } rateSection ? context.Mapping(rateSection, "requests_per_minute", "burst_size") : null;
        return new ProxyConfiguration
        {
            Host = context.Optional<string?>(node, "host", n => n.GetString(), null),
            Port = context.Optional<int?>(node, "port", n => n.GetInt32(1, 65535), null),
            Token = context.Optional<string?>(node, "token", n => n.GetString(), null),
            AuthMethod = auth is null ? null : context.Optional<string?>(auth, "method", n => n.GetString(), null),
            Tokens = auth is null ? [] : context.Optional(auth, "tokens", n => n.GetStringList(), []),
            // "cors: '*'" is as common as a list.
            Cors = context.Optional(node, "cors", n => n.Kind == ConfigNodeKind.Scalar ? [n.GetString()] : n.GetStringList(), []),
            RequestsPerMinute = rate is null ? null : context.Optional<int?>(rate, "requests_per_minute", n => n.GetInt32(1, 1_000_000), null),
            Burst = rate is null ? null : context.Optional<int?>(rate, "burst_size", n => n.GetInt32(1, 1_000_000), null),
            MaxBodySize = context.Optional<long?>(node, "max_body_size", n => n.GetInt64(1024, 2L * 1024 * 1024 * 1024), null),
            DrainTimeout = context.Optional<TimeSpan?>(node, "drain_timeout", n => n.GetTimeSpan(), null),
            Endpoints = node.Get("endpoints"),
            Location = section.Location,
            Source = node,
        };
    }

    internal static ConnectorsConfiguration? ReadConnectors(ConfigNode? section, ReadContext context)
    {
        if (section is null)
        {
            return null;
        }
        var node = context.Mapping(section, "packages");
        return new ConnectorsConfiguration
        {
            Packages = context.Optional(node, "packages", n => n.GetStringList(), []),
            Location = section.Location,
            Source = node,
        };
    }
}
