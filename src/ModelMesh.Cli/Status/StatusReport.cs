namespace ModelMesh.Cli.Status;

/// <summary>Every pool of a mesh and its models' state, from a mesh in this process or a gateway's <c>/admin/status</c>.</summary>
/// <param name="Source">Where it came from (a config file, the embedded mesh, a gateway URL), for the heading.</param>
/// <param name="Version">The gateway's version, when it came from one.</param>
/// <param name="Pools">The pools, in the mesh's order.</param>
internal sealed record StatusReport(string Source, string? Version, IReadOnlyList<PoolRow> Pools);

/// <summary>A pool: its strategy, capability, the model the next request would go to, and its models.</summary>
internal sealed record PoolRow(string Id, string Strategy, string? Capability, string? Current, IReadOnlyList<ModelRow> Models);

/// <summary>One model's live state.</summary>
/// <param name="Reason">Why it is on standby (a deactivation reason), when it is.</param>
internal sealed record ModelRow(
    string Id,
    string Provider,
    bool IsActive,
    string? Reason,
    DateTimeOffset? CooldownUntil,
    long Requests,
    long Failures,
    double ErrorRate,
    double? LatencyP95Ms);
