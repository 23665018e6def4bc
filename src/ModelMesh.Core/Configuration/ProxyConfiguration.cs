namespace ModelMesh;

/// <summary>The <c>proxy:</c> section: defaults for the OpenAI-compatible gateway (command-line flags win).</summary>
public sealed class ProxyConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>The address to listen on (<c>host</c>); null for the gateway's default.</summary>
    public string? Host { get; init; }

    /// <summary>The port to listen on (<c>port</c>, 1–65535); null for the gateway's default.</summary>
    public int? Port { get; init; }

    /// <summary>A bearer token clients must send (<c>token</c>); null for no authentication. Usually a <c>${secrets:…}</c>.</summary>
    public string? Token { get; init; }

    /// <summary>More accepted bearer tokens (<c>auth.tokens</c>).</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];

    /// <summary>The authentication method (<c>auth.method</c>), for example <c>bearer</c>; null when not set.</summary>
    public string? AuthMethod { get; init; }

    /// <summary>Origins allowed by CORS (<c>cors</c>); empty for the gateway's default.</summary>
    public IReadOnlyList<string> Cors { get; init; } = [];

    /// <summary>Requests per minute per client (<c>rate_limit.requests_per_minute</c>); null for no limit.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Requests a client may send at once above its rate (<c>rate_limit.burst_size</c>); null for the rate itself.</summary>
    public int? Burst { get; init; }

    /// <summary>The largest request body in bytes (<c>max_body_size</c>); null for the gateway's default.</summary>
    public long? MaxBodySize { get; init; }

    /// <summary>How long a shutdown waits for requests in flight (<c>drain_timeout</c>); null for the gateway's default.</summary>
    public TimeSpan? DrainTimeout { get; init; }

    /// <summary>The documented <c>endpoints</c> setting, kept raw; null when absent.</summary>
    internal ConfigNode? Endpoints { get; init; }
}

/// <summary>The <c>connectors:</c> section: connector packages to load.</summary>
public sealed class ConnectorsConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>Package paths or URLs (<c>packages</c>), kept as written.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];
}
