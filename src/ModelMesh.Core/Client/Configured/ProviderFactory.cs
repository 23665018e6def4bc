using System.Globalization;
using ModelMesh.Cdk;

namespace ModelMesh.Configuration;

/// <summary>
/// Builds a provider from its configuration entry through the connector registry, reading the connector's
/// <c>config:</c> keys with located errors.
/// </summary>
internal static class ProviderFactory
{
    private static readonly string[] Keys =
    [
        "api_key", "base_url", "organization", "headers", "timeout", "connect_timeout", "stream_idle_timeout", "request_stream_usage", "max_error_body_bytes",
        "max_response_bytes", "max_stream_event_bytes",
    ];

    /// <exception cref="ConfigurationException">The connector is unknown or a setting is wrong.</exception>
    public static BaseProvider Create(ProviderConfiguration provider, TimeSpan? poolConnectTimeout, MeshConfigOptions options, IReadOnlyList<string>? configuredModels = null)
    {
        if (!ConnectorRegistry.TryGet(provider.Connector, out var connector))
        {
            var known = string.Join(", ", ConnectorRegistry.Providers.Select(c => c.Id));
            throw new ConfigurationException($"Provider '{provider.Id}' names connector {provider.Quote("connector", provider.Connector)}, which is not registered. Registered: {known}.", provider.LocationOf("connector"));
        }
        var config = provider.Config;
        config?.EnsureOnlyKeys([.. Keys, .. connector.SettingKeys]);
        var baseUrlNode = config?.Get("base_url");
        Uri baseUrl;
        if (baseUrlNode is not null)
        {
            if (!Uri.TryCreate(baseUrlNode.GetString(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                throw baseUrlNode.Mismatch("an absolute http or https URL");
            }
            baseUrl = parsed;
        }
        else
        {
            baseUrl = connector.DefaultBaseUrl
                ?? throw new ConfigurationException($"Provider '{provider.Id}' (connector '{connector.Id}') needs 'base_url' under 'config'.", provider.Location);
        }
        var apiKey = config?.Get("api_key")?.GetString();
        if (connector.RequiresApiKey && string.IsNullOrEmpty(apiKey))
        {
            throw new ConfigurationException($"Provider '{provider.Id}' (connector '{connector.Id}') needs 'api_key' under 'config' (for example \"${{secrets:{provider.Id.Split('.')[0].ToUpperInvariant()}_API_KEY}}\").", provider.Location);
        }
        var defaults = new ProviderOptions(provider.Id, baseUrl);
        var providerOptions = new ProviderOptions(provider.Id, baseUrl)
        {
            ApiKey = apiKey,
            Organization = config?.Get("organization")?.GetString(),
            Headers = config?.Get("headers")?.GetStringMap(),
            RequestTimeout = Positive(config?.Get("timeout")) ?? defaults.RequestTimeout,
            ConnectTimeout = Positive(config?.Get("connect_timeout")) ?? poolConnectTimeout ?? defaults.ConnectTimeout,
            StreamIdleTimeout = Positive(config?.Get("stream_idle_timeout")) ?? defaults.StreamIdleTimeout,
            RequestStreamUsage = config?.Get("request_stream_usage")?.GetBool() ?? defaults.RequestStreamUsage,
            MaxErrorBodyBytes = config?.Get("max_error_body_bytes")?.GetInt32(1024, 16 * 1024 * 1024) ?? defaults.MaxErrorBodyBytes,
            MaxResponseBodyBytes = config?.Get("max_response_bytes")?.GetInt32(1024, 1024 * 1024 * 1024) ?? defaults.MaxResponseBodyBytes,
            MaxStreamEventBytes = config?.Get("max_stream_event_bytes")?.GetInt32(1024, 256 * 1024 * 1024) ?? defaults.MaxStreamEventBytes,
            TimeProvider = options.TimeProvider,
            Settings = config is null ? null : new ConnectorSettings(config),
            ChatClients = options.ChatClients,
            ConfiguredModels = configuredModels ?? [],
            Location = provider.Location,
        };
        return connector.Create(providerOptions, options.HttpClientFactory?.Invoke(providerOptions.Id) ?? options.HttpClient);
    }

    // A request-scale timer: above zero and at most a day (CancelAfter takes no more than ~24.8 days).
    private static TimeSpan? Positive(ConfigNode? node) =>
        node?.GetTimeSpan(TimeSpan.Zero, ConfigurationLimits.MaxRequestDuration, minExclusive: true);

    internal static string Describe(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
