namespace ModelMesh;

/// <summary>Request features a model supports; the router only sends a request to a model that has what it uses.</summary>
[Flags]
public enum ModelFeatures
{
    /// <summary>No optional feature.</summary>
    None = 0,
    /// <summary>Function/tool calling (<c>tools</c>, <c>tool_choice</c>).</summary>
    Tools = 1,
    /// <summary>Image input (<c>image_url</c> content parts).</summary>
    Vision = 2,
    /// <summary>Structured output with a JSON schema (<c>response_format: json_schema</c>).</summary>
    JsonSchema = 4,
    /// <summary>JSON mode (<c>response_format: json_object</c>).</summary>
    JsonMode = 8,
    /// <summary>Streamed responses.</summary>
    Streaming = 16,
    /// <summary>System (or developer) messages.</summary>
    SystemPrompt = 32,
    /// <summary>Audio input (<c>input_audio</c> content parts).</summary>
    AudioInput = 64,
    /// <summary>Reasoning (thinking) with a caller-set effort (<c>reasoning_effort</c> other than <c>none</c>).</summary>
    Reasoning = 128,
}
