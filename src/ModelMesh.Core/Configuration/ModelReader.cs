namespace ModelMesh.Configuration;

/// <summary>Reads <c>models:</c>.</summary>
internal static class ModelReader
{
    private static readonly string[] Keys = ["provider", "model", "capabilities", "constraints", "features", "pricing", "limits", "delivery"];

    internal static IReadOnlyDictionary<string, ModelConfiguration> Read(ConfigNode section, IReadOnlyCollection<string> providerIds, ReadContext context)
    {
        var result = new List<KeyValuePair<string, ModelConfiguration>>();
        foreach (var entry in context.Mapping(section).Entries)
        {
            if (ReadOne(entry.Key, entry.Value, providerIds, context) is { } model)
            {
                result.Add(KeyValuePair.Create(entry.Key, model));
            }
        }
        return new OrderedReadOnlyDictionary<string, ModelConfiguration>(result);
    }

    /// <summary>The upstream name when <c>model</c> is not given (see <see cref="ModelConfiguration.Model"/>).</summary>
    internal static string DefaultUpstreamName(string id, string provider)
    {
        if (id.Length > provider.Length + 1 && id.StartsWith(provider + ".", StringComparison.Ordinal))
        {
            return id[(provider.Length + 1)..];
        }
        var vendor = provider.Split('.')[0];
        return vendor.Length < provider.Length && id.Length > vendor.Length + 1 && id.StartsWith(vendor + ".", StringComparison.Ordinal)
            ? id[(vendor.Length + 1)..]
            : id;
    }

    private static ModelConfiguration? ReadOne(string id, ConfigNode value, IReadOnlyCollection<string> providerIds, ReadContext context)
    {
        var node = context.Mapping(value, Keys);
        var providerNode = context.Try(() => node.Require("provider"));
        var provider = providerNode is null ? null : context.Try(providerNode.GetString);
        if (provider is not null)
        {
            context.CheckReference(providerNode!, providerIds, "provider");
        }
        var upstream = context.Optional<string?>(node, "model", n => n.GetString(), null);
        var capabilities = ReadCapabilities(node, context);
        var constraints = Section(node, "constraints", context, ["context_window", "max_output_tokens"], (m, l) => new ModelConstraintsConfiguration
        {
            ContextWindow = context.Optional<int?>(m, "context_window", n => n.GetInt32(1, ConfigurationLimits.MaxRequestTokens), null),
            MaxOutputTokens = context.Optional<int?>(m, "max_output_tokens", n => n.GetInt32(1, ConfigurationLimits.MaxRequestTokens), null),
            Location = l,
            Source = m,
        });
        var features = Section(node, "features", context, ["tools", "vision", "json_schema", "json_mode", "streaming", "system_prompt", "audio_input", "reasoning"], (m, l) => new ModelFeaturesConfiguration
        {
            Tools = context.Optional<bool?>(m, "tools", n => n.GetBool(), null),
            Vision = context.Optional<bool?>(m, "vision", n => n.GetBool(), null),
            JsonSchema = context.Optional<bool?>(m, "json_schema", n => n.GetBool(), null),
            JsonMode = context.Optional<bool?>(m, "json_mode", n => n.GetBool(), null),
            Streaming = context.Optional<bool?>(m, "streaming", n => n.GetBool(), null),
            SystemPrompt = context.Optional<bool?>(m, "system_prompt", n => n.GetBool(), null),
            AudioInput = context.Optional<bool?>(m, "audio_input", n => n.GetBool(), null),
            Reasoning = context.Optional<bool?>(m, "reasoning", n => n.GetBool(), null),
            Location = l,
            Source = m,
        });
        var pricing = node.Get("pricing") is null ? null : Section(node, "pricing", context, ["input_per_1k", "output_per_1k", "per_request"], (m, l) => new ModelPricingConfiguration
        {
            InputPer1K = context.Optional(m, "input_per_1k", Price, 0m),
            OutputPer1K = context.Optional(m, "output_per_1k", Price, 0m),
            PerRequest = context.Optional(m, "per_request", Price, 0m),
            Location = l,
            Source = m,
        });
        var limits = Section(node, "limits", context, ["requests", "tokens", "cost"], (m, l) => new ModelLimitsConfiguration
        {
            Requests = context.Optional<long?>(m, "requests", n => n.GetInt64(0, ConfigurationLimits.MaxRequests), null),
            Tokens = context.Optional<long?>(m, "tokens", n => n.GetInt64(0, ConfigurationLimits.MaxTokens), null),
            Cost = context.Optional<decimal?>(m, "cost", n => n.GetDecimal(0, ConfigurationLimits.MaxAmount), null),
            Location = l,
            Source = m,
        });
        var delivery = Section(node, "delivery", context, ["synchronous", "streaming", "batch"], (m, l) => new ModelDeliveryConfiguration
        {
            Synchronous = context.Optional<bool?>(m, "synchronous", n => n.GetBool(), null),
            Streaming = context.Optional<bool?>(m, "streaming", n => n.GetBool(), null),
            Batch = context.Optional<bool?>(m, "batch", n => n.GetBool(), null),
            Location = l,
            Source = m,
        });
        if (provider is null || capabilities is null)
        {
            return null;
        }
        return new ModelConfiguration
        {
            Id = id,
            Provider = provider,
            Model = upstream ?? DefaultUpstreamName(id, provider),
            Capabilities = capabilities,
            Constraints = constraints,
            Features = features,
            Pricing = pricing,
            Limits = limits,
            Delivery = delivery,
            Location = value.Location,
            Source = node,
        };
    }

    private static IReadOnlyList<string>? ReadCapabilities(ConfigNode node, ReadContext context)
    {
        var list = context.Try(() => node.Require("capabilities"));
        if (list is null)
        {
            return null;
        }
        if (list.Kind != ConfigNodeKind.Sequence || list.Items.Count == 0)
        {
            context.Problems.AddRange(list.Mismatch("a non-empty list of capabilities (paths or short names)").Problems);
            return null;
        }
        var paths = new List<string>();
        foreach (var item in list.Items)
        {
            if (context.Try(() => CapabilityReader.Resolve(item)) is { } path && !paths.Contains(path))
            {
                paths.Add(path);
            }
        }
        return paths; // an unknown entry has been recorded as a problem, so this list is only used when all resolved
    }

    private static decimal Price(ConfigNode node) => node.GetDecimal(0, ConfigurationLimits.MaxPrice);

    // Reads an optional sub-section; absent → the default instance, so callers never see null.
    private static T Section<T>(ConfigNode node, string key, ReadContext context, string[] keys, Func<ConfigNode, ConfigLocation, T> read)
        where T : IConfigSection, new()
    {
        var section = node.Get(key);
        if (section is null)
        {
            return new T();
        }
        return read(context.Mapping(section, keys), section.Location);
    }
}
