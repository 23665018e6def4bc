namespace ModelMesh;

/// <summary><c>models.&lt;id&gt;.constraints</c>: request size limits; null when not declared.</summary>
public sealed class ModelConstraintsConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>Prompt plus output tokens the model accepts (<c>context_window</c>).</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Most tokens the model writes in one reply (<c>max_output_tokens</c>).</summary>
    public int? MaxOutputTokens { get; init; }
}

/// <summary><c>models.&lt;id&gt;.features</c>: what the model supports; null when not declared.</summary>
public sealed class ModelFeaturesConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>Tool (function) calling (<c>tools</c>).</summary>
    public bool? Tools { get; init; }

    /// <summary>Image input (<c>vision</c>).</summary>
    public bool? Vision { get; init; }

    /// <summary>Structured output against a JSON schema (<c>json_schema</c>).</summary>
    public bool? JsonSchema { get; init; }

    /// <summary>JSON object output (<c>json_mode</c>).</summary>
    public bool? JsonMode { get; init; }

    /// <summary>Streamed replies (<c>streaming</c>).</summary>
    public bool? Streaming { get; init; }

    /// <summary>System messages (<c>system_prompt</c>).</summary>
    public bool? SystemPrompt { get; init; }

    /// <summary>Audio input parts (<c>audio_input</c>).</summary>
    public bool? AudioInput { get; init; }

    /// <summary>Reasoning with a caller-set effort (<c>reasoning</c>): set it to <c>false</c> for a model that refuses <c>reasoning_effort</c>.</summary>
    public bool? Reasoning { get; init; }
}

/// <summary><c>models.&lt;id&gt;.pricing</c>, in US dollars. Cost = prompt/1000 × input + completion/1000 × output + per request.</summary>
public sealed class ModelPricingConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>Dollars per 1,000 prompt tokens (<c>input_per_1k</c>).</summary>
    public decimal InputPer1K { get; init; }

    /// <summary>Dollars per 1,000 completion tokens (<c>output_per_1k</c>).</summary>
    public decimal OutputPer1K { get; init; }

    /// <summary>Dollars per request (<c>per_request</c>).</summary>
    public decimal PerRequest { get; init; }
}

/// <summary><c>models.&lt;id&gt;.limits</c>: caps after which the model is taken out of rotation; null for none.</summary>
public sealed class ModelLimitsConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>Requests (<c>requests</c>).</summary>
    public long? Requests { get; init; }

    /// <summary>Tokens (<c>tokens</c>).</summary>
    public long? Tokens { get; init; }

    /// <summary>Cost in US dollars (<c>cost</c>).</summary>
    public decimal? Cost { get; init; }
}

/// <summary><c>models.&lt;id&gt;.delivery</c>: how replies can be delivered; null when not declared.</summary>
public sealed class ModelDeliveryConfiguration : IConfigSection
{
    /// <summary>Where the section was written; a location with no source when built in code.</summary>
    public ConfigLocation Location { get; init; } = ConfigLocation.Root(null);

    /// <summary>The mapping the section was read from (after substitution); null when built in code.</summary>
    internal ConfigNode? Source { get; init; }

    ConfigNode? IConfigSection.Source => Source;

    /// <summary>One response per request (<c>synchronous</c>).</summary>
    public bool? Synchronous { get; init; }

    /// <summary>Streamed responses (<c>streaming</c>).</summary>
    public bool? Streaming { get; init; }

    /// <summary>Batch jobs (<c>batch</c>).</summary>
    public bool? Batch { get; init; }
}
