namespace ModelMesh.Providers;

/// <summary>The feature sets the built-in catalogues use, as constants so <c>[ModelInfo(Features = …)]</c> can name them.</summary>
internal static class CatalogueFeatures
{
    /// <summary>Tools, vision, JSON schema and mode, streaming, system prompt.</summary>
    public const ModelFeatures Full = ModelFeatures.Tools | ModelFeatures.Vision | ModelFeatures.JsonSchema | ModelFeatures.JsonMode | ModelFeatures.Streaming | ModelFeatures.SystemPrompt;

    /// <summary>Tools, JSON mode, streaming, system prompt: no images.</summary>
    public const ModelFeatures TextTools = ModelFeatures.Tools | ModelFeatures.JsonMode | ModelFeatures.Streaming | ModelFeatures.SystemPrompt;

    /// <summary>JSON mode, streaming, system prompt: no tools, no images.</summary>
    public const ModelFeatures TextOnly = ModelFeatures.JsonMode | ModelFeatures.Streaming | ModelFeatures.SystemPrompt;
}
