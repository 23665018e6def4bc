using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh.Json;

namespace ModelMesh;

/// <summary>An OpenAI-style error body: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed class ErrorResponse
{
    /// <summary>The error.</summary>
    [JsonPropertyName("error")]
    public ErrorDetail Error { get; set; } = new();

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The <c>error</c> object of an OpenAI-style error body.</summary>
public sealed class ErrorDetail
{
    /// <summary>A human-readable message.</summary>
    [JsonPropertyName("message")]
    public string Message { get; set; } = string.Empty;

    /// <summary>The error type (for example <c>invalid_request_error</c>).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The parameter at fault, when one is.</summary>
    [JsonPropertyName("param")]
    public string? Param { get; set; }

    /// <summary>A machine-readable code; numeric codes (as some gateways send) are read as their text.</summary>
    [JsonPropertyName("code")]
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Code { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
