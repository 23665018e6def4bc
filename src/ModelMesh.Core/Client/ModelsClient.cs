using ModelMesh.Routing;

namespace ModelMesh;

/// <summary>What the mesh serves (<c>client.Models</c>), shaped like OpenAI's models list.</summary>
public sealed class ModelsClient
{
    private readonly MeshClient _mesh;

    internal ModelsClient(MeshClient mesh) => _mesh = mesh;

    /// <summary>
    /// Lists the pools (owned by <c>modelmesh</c>), then the capability names that reach a pool (its aliases, such as
    /// <c>chat-completion</c> for a pool named <c>chat</c>; also owned by <c>modelmesh</c>), then every model (owned
    /// by its provider), each usable as a request's <c>model</c>. Answered locally; no upstream is called, so models a
    /// discovery has not found yet are not listed (call <see cref="RefreshAsync"/> first to have them).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ModelList> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = _mesh.Acquire();
        var runtime = lease.Runtime;
        var entries = new List<ModelListEntry>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in runtime.Pools)
        {
            ids.Add(pool.Id);
            entries.Add(new ModelListEntry { Id = pool.Id, OwnedBy = "modelmesh" });
        }
        var capabilities = Capabilities.List();
        foreach (var pool in runtime.Pools)
        {
            if (pool.Definition.Capability is not { } path)
            {
                continue;
            }
            foreach (var name in capabilities.FirstOrDefault(c => c.Path == path)?.Names ?? [])
            {
                // Only a short name (not another spelling of a path) that really routes to this pool (the first pool of its
                // capability) is its alias.
                if (!name.Contains('.', StringComparison.Ordinal) && !ids.Contains(name) && ReferenceEquals(runtime.ResolvePool(name), pool) && ids.Add(name))
                {
                    entries.Add(new ModelListEntry { Id = name, OwnedBy = "modelmesh" });
                }
            }
        }
        foreach (var model in runtime.Models)
        {
            if (ids.Add(model.Id))
            {
                entries.Add(new ModelListEntry { Id = model.Id, OwnedBy = model.ProviderId });
            }
        }
        return Task.FromResult(new ModelList { Data = entries });
    }

    /// <summary>
    /// Discovers the models of every provider set to discover them (local runtimes found by their host variable, and
    /// configured providers that list no models or say <c>discover_models: true</c>) now, instead of at the first request
    /// that needs them, and puts what each found into service; a run already in flight is joined. A provider whose
    /// discovery fails keeps what it had (its catalogue, or what it discovered before), and the failure is logged (event
    /// 1401), not thrown. Requests in flight finish with the models they started with.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the discoveries go on and still take effect.</param>
    /// <exception cref="OperationCanceledException">The caller gave up waiting.</exception>
    public Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _mesh.DiscoverAllAsync(cancellationToken);
    }

    /// <summary>One entry of <see cref="ListAsync"/> by id (a pool, an alias or a model), answered locally.</summary>
    /// <param name="id">A pool id, alias or model id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ModelNotFoundException">The id is none of these; it suggests the nearest name.</exception>
    public async Task<ModelListEntry> RetrieveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var list = await ListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entry in list.Data)
        {
            if (string.Equals(entry.Id, id, StringComparison.Ordinal))
            {
                return entry;
            }
        }
        using var lease = _mesh.Acquire();
        var runtime = lease.Runtime;
        throw new ModelNotFoundException(id, runtime.Suggest(id), runtime.Pools.Select(p => p.Id).ToArray());
    }
}
