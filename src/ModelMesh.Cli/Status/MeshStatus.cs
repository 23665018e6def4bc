namespace ModelMesh.Cli.Status;

/// <summary>The status report of a mesh in this process (read locally; nothing is sent).</summary>
internal static class MeshStatus
{
    public static StatusReport Read(MeshClient mesh, string source) => new(
        source,
        Version: null,
        mesh.PoolStatus().Select(pool => new PoolRow(
            pool.PoolId,
            pool.Strategy,
            pool.Capability,
            pool.CurrentModel,
            pool.Models.Select(m => new ModelRow(
                m.ModelId,
                m.ProviderId,
                m.Status == ModelStatus.Active,
                m.DeactivationReason?.ToString(),
                m.CooldownUntil,
                m.Requests,
                m.Failures,
                m.ErrorRate,
                m.LatencyP95Ms)).ToArray())).ToArray());
}
