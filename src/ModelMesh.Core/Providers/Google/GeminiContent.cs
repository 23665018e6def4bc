using System.Text.Json;

namespace ModelMesh.Providers.Google;

// The records Gemini uses both ways: a turn of the conversation and its parts (generateContent's Content and Part).

/// <summary>One turn: <c>user</c> or <c>model</c> (no role for <c>systemInstruction</c>) and its parts.</summary>
internal sealed record GeminiContent
{
    public string? Role { get; init; }

    public IReadOnlyList<GeminiPart>? Parts { get; init; }
}

/// <summary>One part of a turn; exactly one of the data members is set.</summary>
internal sealed record GeminiPart
{
    public string? Text { get; init; }

    /// <summary>True on a thought-summary part (the model's reasoning).</summary>
    public bool? Thought { get; init; }

    /// <summary>An opaque signature of the model's reasoning, to be sent back with the part it came on.</summary>
    public string? ThoughtSignature { get; init; }

    public GeminiBlob? InlineData { get; init; }

    public GeminiFileData? FileData { get; init; }

    public GeminiFunctionCall? FunctionCall { get; init; }

    public GeminiFunctionResponse? FunctionResponse { get; init; }
}

/// <summary>Inline bytes (base64) with their media type.</summary>
internal sealed record GeminiBlob(string MimeType, string Data);

/// <summary>A file by URI (Files API or a public URL).</summary>
internal sealed record GeminiFileData(string? MimeType, string FileUri);

/// <summary>A call the model made; <see cref="Args"/> is a JSON object.</summary>
internal sealed record GeminiFunctionCall
{
    public string? Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public JsonElement? Args { get; init; }
}

/// <summary>The result of a call, answered by function name; <see cref="Response"/> must be a JSON object.</summary>
internal sealed record GeminiFunctionResponse(string Name, JsonElement Response);
