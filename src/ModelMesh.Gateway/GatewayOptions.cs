using Microsoft.Extensions.Logging;

namespace ModelMesh.Gateway;

/// <summary>How the gateway listens and whom it serves. Command-line flags, then environment variables, then the config's <c>proxy:</c> section fill it.</summary>
public sealed record GatewayOptions
{
    /// <summary>The default address: loopback only, so a fresh gateway is not reachable from the network.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The default port.</summary>
    public const int DefaultPort = 8080;

    /// <summary>The address to listen on: an IP address, <c>localhost</c>, or <c>0.0.0.0</c>/<c>*</c> for every interface.</summary>
    public string Host { get; init; } = DefaultHost;

    /// <summary>The port to listen on; 0 picks a free one (read it from <see cref="GatewayServer.Address"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Accepted bearer tokens; empty for no authentication. Compared in constant time.</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];

    /// <summary>Requests per minute allowed per token (per client address without authentication); null for no limit.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>How many requests a client may send at once above its steady rate (the token bucket's size); null for the rate itself.</summary>
    public int? Burst { get; init; }

    /// <summary>Origins allowed by CORS (<c>*</c> for any); empty for no CORS headers.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>The largest request body accepted, in bytes (413 above it). Default 32 MiB, room for an audio upload.</summary>
    public long MaxRequestBodyBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>How long a shutdown (SIGTERM, Ctrl+C) waits for requests and streams in flight before closing them.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The least severe log level written.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Where logs go; null for the console. Tests pass their own.</summary>
    public ILoggerProvider? LoggerProvider { get; init; }

    /// <summary>The clock for rate limits and uptime.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
