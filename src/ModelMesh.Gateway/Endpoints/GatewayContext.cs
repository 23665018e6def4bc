using Microsoft.Extensions.Logging;
using ModelMesh.Gateway.Metrics;
using ModelMesh.Gateway.Security;

namespace ModelMesh.Gateway.Endpoints;

/// <summary>What every endpoint shares: the mesh, the options, the counters, the log.</summary>
internal sealed class GatewayContext(MeshClient mesh, GatewayOptions options, ILogger logger)
{
    public MeshClient Mesh { get; } = mesh;

    public GatewayOptions Options { get; } = options;

    public ILogger Logger { get; } = logger;

    public GatewayMetrics Metrics { get; } = new();

    public BearerTokens Tokens { get; } = new(options.Tokens);

    public long StartedAt { get; } = options.TimeProvider.GetTimestamp();

    public TimeSpan Uptime => Options.TimeProvider.GetElapsedTime(StartedAt);
}
