namespace ModelMesh;

/// <summary>One entry of <c>models:</c> — a model a provider serves, with what it can do and what it costs.</summary>
public sealed class ModelConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>The model id (the key under <c>models:</c>), for example <c>openai.gpt-4o</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The id of the provider serving it (<c>provider</c>); names an entry of <c>providers:</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>
    /// The model name sent upstream (<c>model</c>). Default: the id without a leading <c>&lt;provider id&gt;.</c>,
    /// else without the provider id's first segment and a dot (<c>openai.gpt-4o</c> under provider
    /// <c>openai.llm.v1</c> sends <c>gpt-4o</c>), else the id.
    /// </summary>
    public required string Model { get; init; }

    /// <summary>The documented capability paths it serves (<c>capabilities</c>, aliases resolved), in the order written.</summary>
    public required IReadOnlyList<string> Capabilities { get; init; }

    /// <summary>Context window and output limits (<c>constraints</c>).</summary>
    public ModelConstraintsConfiguration Constraints { get; init; } = new();

    /// <summary>Declared features (<c>features</c>).</summary>
    public ModelFeaturesConfiguration Features { get; init; } = new();

    /// <summary>Prices (<c>pricing</c>); null when not given (the cost is unknown, not zero).</summary>
    public ModelPricingConfiguration? Pricing { get; init; }

    /// <summary>Per-model caps (<c>limits</c>).</summary>
    public ModelLimitsConfiguration Limits { get; init; } = new();

    /// <summary>Delivery modes (<c>delivery</c>).</summary>
    public ModelDeliveryConfiguration Delivery { get; init; } = new();
}
