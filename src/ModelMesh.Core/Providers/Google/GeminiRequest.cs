using System.Text.Json;

namespace ModelMesh.Providers.Google;

/// <summary>The body of <c>models/{model}:generateContent</c> and <c>:streamGenerateContent</c>.</summary>
internal sealed record GeminiRequest
{
    public required IReadOnlyList<GeminiContent> Contents { get; init; }

    public GeminiContent? SystemInstruction { get; init; }

    public IReadOnlyList<GeminiTool>? Tools { get; init; }

    public GeminiToolConfig? ToolConfig { get; init; }

    public GeminiGenerationConfig? GenerationConfig { get; init; }

    /// <summary>Passed through from the request's own <c>safetySettings</c> field.</summary>
    public JsonElement? SafetySettings { get; init; }

    /// <summary>Passed through from the request's own <c>cachedContent</c> field.</summary>
    public string? CachedContent { get; init; }
}

internal sealed record GeminiTool(IReadOnlyList<GeminiFunctionDeclaration> FunctionDeclarations);

/// <summary>A function the model may call; the schema goes as full JSON Schema (<c>parametersJsonSchema</c>), as OpenAI tools carry it.</summary>
internal sealed record GeminiFunctionDeclaration(string Name, string? Description, JsonElement? ParametersJsonSchema);

internal sealed record GeminiToolConfig(GeminiFunctionCallingConfig FunctionCallingConfig);

/// <summary><c>mode</c> is <c>AUTO</c>, <c>ANY</c> or <c>NONE</c>; <c>allowedFunctionNames</c> narrows <c>ANY</c>.</summary>
internal sealed record GeminiFunctionCallingConfig(string Mode, IReadOnlyList<string>? AllowedFunctionNames = null);

internal sealed record GeminiGenerationConfig
{
    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? MaxOutputTokens { get; init; }

    public IReadOnlyList<string>? StopSequences { get; init; }

    public int? CandidateCount { get; init; }

    public double? PresencePenalty { get; init; }

    public double? FrequencyPenalty { get; init; }

    public int? Seed { get; init; }

    public string? ResponseMimeType { get; init; }

    public JsonElement? ResponseJsonSchema { get; init; }

    public bool? ResponseLogprobs { get; init; }

    public int? Logprobs { get; init; }

    public GeminiThinkingConfig? ThinkingConfig { get; init; }
}

internal sealed record GeminiThinkingConfig(int? ThinkingBudget, bool? IncludeThoughts);
