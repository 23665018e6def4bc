namespace ModelMesh;

/// <summary>The <c>proxy:</c> section: defaults for the OpenAI-compatible gateway (command-line flags win).</summary>
public sealed class ProxyConfiguration : ConfigSection
{
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

    /// <summary>The documented <c>endpoints</c> setting, kept raw; null when absent.</summary>
    public ConfigNode? Endpoints { get; init; }
}

/// <summary>The <c>connectors:</c> section: connector packages to load.</summary>
public sealed class ConnectorsConfiguration : ConfigSection
{
    /// <summary>Package paths or URLs (<c>packages</c>), kept as written.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];
}
