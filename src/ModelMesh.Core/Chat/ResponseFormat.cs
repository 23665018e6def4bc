using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh;

/// <summary>The <c>response_format</c> field: <c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
public sealed class ResponseFormat
{
    /// <summary>The format type: <c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "text";

    /// <summary>The schema, for <c>json_schema</c>.</summary>
    [JsonPropertyName("json_schema")]
    public JsonSchemaFormat? JsonSchema { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Plain text output.</summary>
    public static ResponseFormat Text() => new() { Type = "text" };

    /// <summary>Any valid JSON object.</summary>
    public static ResponseFormat JsonObject() => new() { Type = "json_object" };

    /// <summary>JSON that follows <paramref name="schema"/>.</summary>
    public static ResponseFormat ForJsonSchema(string name, JsonElement schema, bool? strict = null, string? description = null) =>
        new() { Type = "json_schema", JsonSchema = new JsonSchemaFormat { Name = name, Schema = schema, Strict = strict, Description = description } };
}

/// <summary>The schema of a <c>json_schema</c> response format.</summary>
public sealed class JsonSchemaFormat
{
    /// <summary>The schema name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>What the output is for.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>The JSON Schema.</summary>
    [JsonPropertyName("schema")]
    public JsonElement? Schema { get; set; }

    /// <summary>Whether the model must follow the schema exactly.</summary>
    [JsonPropertyName("strict")]
    public bool? Strict { get; set; }

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
