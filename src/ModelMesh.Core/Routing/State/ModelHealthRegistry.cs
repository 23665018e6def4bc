namespace ModelMesh.Routing;

/// <summary>
/// The health of every model across configuration reloads. A reload that keeps a model (same id, provider and
/// upstream name) keeps its health object — failures, error-rate window, cooldown, Retry-After rest, an
/// authentication stop — with the new definition; requests still running on the old configuration go on
/// counting on the same object. A model that is new, or now means another deployment, starts afresh.
/// </summary>
internal sealed class ModelHealthRegistry
{
    private readonly object _gate = new();
    private Dictionary<string, ModelHealth> _current = new(StringComparer.Ordinal);

    /// <summary>The health objects a new configuration would use; nothing changes until <see cref="Commit"/>.</summary>
    public sealed record Adoption(Dictionary<string, ModelHealth> Health, IReadOnlyList<ModelDefinition> Models);

    /// <summary>Plans the health of each model of a new configuration, reusing what the current one has.</summary>
    public Adoption Plan(IReadOnlyList<ModelDefinition> models)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, ModelHealth>(models.Count, StringComparer.Ordinal);
            foreach (var model in models)
            {
                next[model.Id] = _current.TryGetValue(model.Id, out var kept) && SameDeployment(kept.Definition, model) ? kept : new ModelHealth(model);
            }
            return new Adoption(next, models);
        }
    }

    /// <summary>Makes a planned adoption current: kept models take their new definitions.</summary>
    public void Commit(Adoption adoption)
    {
        lock (_gate)
        {
            foreach (var model in adoption.Models)
            {
                adoption.Health[model.Id].Definition = model;
            }
            _current = adoption.Health; // read-only from here on, shared with the runtime that adopted it
        }
    }

    private static bool SameDeployment(ModelDefinition before, ModelDefinition after) =>
        string.Equals(before.ProviderId, after.ProviderId, StringComparison.Ordinal)
        && string.Equals(before.WireModel, after.WireModel, StringComparison.Ordinal);
}
