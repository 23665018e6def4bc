namespace ModelMesh;

/// <summary>
/// A named set of defaults (see <see cref="MeshTemplates"/>). Pool values apply to every pool that does not set the
/// key itself; <see cref="Budget"/> and <see cref="Observability"/> apply when the file has no such section. A null
/// property leaves the built-in default.
/// </summary>
public sealed record MeshTemplate
{
    /// <summary>The template's name, for example <c>cost-optimized</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the template is for.</summary>
    public required string Description { get; init; }

    /// <summary>The pools' default strategy id.</summary>
    public string? Strategy { get; init; }

    /// <summary>The pools' default <c>failure_threshold</c>.</summary>
    public int? FailureThreshold { get; init; }

    /// <summary>The pools' default <c>cooldown_seconds</c>.</summary>
    public TimeSpan? Cooldown { get; init; }

    /// <summary>The budget used when the file has no <c>budget:</c> section.</summary>
    public BudgetConfiguration? Budget { get; init; }

    /// <summary>The observability connector used when the file has no <c>observability:</c> section.</summary>
    public ConnectorConfiguration? Observability { get; init; }
}
