using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh;

/// <summary>The response of the Models API: the models an endpoint serves.</summary>
public sealed class ModelList
{
    /// <summary>The object type, <c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string Object { get; set; } = "list";

    /// <summary>The models.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<ModelListEntry> Data { get; set; } = [];

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One model of a <see cref="ModelList"/>.</summary>
public sealed class ModelListEntry
{
    /// <summary>The model id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The object type, <c>model</c>.</summary>
    [JsonPropertyName("object")]
    public string Object { get; set; } = "model";

    /// <summary>Unix time (seconds) the model was created.</summary>
    [JsonPropertyName("created")]
    public long Created { get; set; }

    /// <summary>The organisation that owns the model.</summary>
    [JsonPropertyName("owned_by")]
    public string OwnedBy { get; set; } = string.Empty;

    /// <summary>Fields not modelled above.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
