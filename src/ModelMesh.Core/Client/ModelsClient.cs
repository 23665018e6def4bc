using ModelMesh.Routing;

namespace ModelMesh;

/// <summary>What the mesh serves (<c>client.Models</c>), shaped like OpenAI's models list.</summary>
public sealed class ModelsClient
{
    private readonly MeshClient _mesh;

    internal ModelsClient(MeshClient mesh) => _mesh = mesh;

    /// <summary>
    /// Lists the pools (owned by <c>modelmesh</c>) and then every model (owned by its provider), each usable as a
    /// request's <c>model</c>. Answered locally; no upstream is called.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ModelList> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = _mesh.Acquire();
        var runtime = lease.Runtime;
        var entries = runtime.Pools.Select(p => new ModelListEntry { Id = p.Id, OwnedBy = "modelmesh" })
            .Concat(runtime.Models.Select(m => new ModelListEntry { Id = m.Id, OwnedBy = m.ProviderId }))
            .ToArray();
        return Task.FromResult(new ModelList { Data = entries });
    }

    /// <summary>One entry of <see cref="ListAsync"/> by id (a pool or a model), answered locally.</summary>
    /// <param name="id">A pool id or model id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ModelNotFoundException">The id is neither; it suggests the nearest name.</exception>
    public Task<ModelListEntry> RetrieveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = _mesh.Acquire();
        var runtime = lease.Runtime;
        foreach (var pool in runtime.Pools)
        {
            if (string.Equals(pool.Id, id, StringComparison.Ordinal))
            {
                return Task.FromResult(new ModelListEntry { Id = pool.Id, OwnedBy = "modelmesh" });
            }
        }
        foreach (var model in runtime.Models)
        {
            if (string.Equals(model.Id, id, StringComparison.Ordinal))
            {
                return Task.FromResult(new ModelListEntry { Id = model.Id, OwnedBy = model.ProviderId });
            }
        }
        throw new ModelNotFoundException(id, runtime.Suggest(id), runtime.Pools.Select(p => p.Id).ToArray());
    }
}
