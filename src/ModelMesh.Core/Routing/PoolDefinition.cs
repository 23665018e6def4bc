using ModelMesh.Cdk;

namespace ModelMesh;

/// <summary>
/// A pool: the models that can answer a request for it, and how one is chosen. Defined by a capability (every
/// model serving a leaf at or below it), an explicit model list, or both, optionally filtered by provider.
/// </summary>
public sealed class PoolDefinition
{
    private readonly string? _capability;

    /// <summary>The pool id; a request whose <c>model</c> is this id routes here.</summary>
    public required string Id { get; init; }

    /// <summary>The capability the pool serves (path or alias; stored resolved), or null for a model-list pool.</summary>
    /// <exception cref="UnknownCapabilityException">The name is not a capability.</exception>
    [CapabilityName]
    public string? Capability
    {
        get => _capability;
        init => _capability = value is null ? null : Capabilities.Resolve(value);
    }

    /// <summary>Explicit model ids, tried in this order before models that only match the capability.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>When not empty, only models of these providers belong to the pool.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary>Models of these providers never belong to the pool.</summary>
    public IReadOnlyList<string> ExcludedProviders { get; init; } = [];

    /// <summary>The rotation strategy's id (<see cref="RotationStrategies"/>) or short name. Default <c>modelmesh.stick-until-failure.v1</c>.</summary>
    public string Strategy { get; init; } = RotationStrategies.StickUntilFailure;

    /// <summary>A ready policy instance; when set it is used instead of <see cref="Strategy"/>.</summary>
    public BaseRotationPolicy? Policy { get; init; }

    /// <summary>Deactivation, cooldown and strategy settings.</summary>
    public RotationPolicyOptions Rotation { get; init; } = new();

    /// <summary>Retry and failover bounds.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Streaming timeouts.</summary>
    public StreamTimeouts Timeouts { get; init; } = new();

    /// <summary>Whether <paramref name="model"/> belongs to this pool.</summary>
    /// <param name="model">A model definition.</param>
    public bool Includes(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (ExcludedProviders.Contains(model.ProviderId, StringComparer.Ordinal)
            || (Providers.Count > 0 && !Providers.Contains(model.ProviderId, StringComparer.Ordinal)))
        {
            return false;
        }
        return Models.Contains(model.Id, StringComparer.Ordinal) || (_capability is not null && model.Serves(_capability));
    }
}
