using System.Text.Json.Serialization.Metadata;
using ModelMesh.Json;

namespace ModelMesh;

/// <summary>
/// Source-generated JSON metadata for ModelMesh's wire types, for use with <c>System.Text.Json.JsonSerializer</c>
/// without reflection, e.g. <c>JsonSerializer.Deserialize(body, ModelMeshJson.ChatCompletionRequest)</c>.
/// </summary>
public static class ModelMeshJson
{
    /// <summary>Metadata for <see cref="ModelMesh.ChatCompletionRequest"/>.</summary>
    public static JsonTypeInfo<ChatCompletionRequest> ChatCompletionRequest => ModelMeshJsonContext.Default.ChatCompletionRequest;

    /// <summary>Metadata for <see cref="ModelMesh.ChatCompletion"/>.</summary>
    public static JsonTypeInfo<ChatCompletion> ChatCompletion => ModelMeshJsonContext.Default.ChatCompletion;

    /// <summary>Metadata for <see cref="ModelMesh.ChatCompletionChunk"/>.</summary>
    public static JsonTypeInfo<ChatCompletionChunk> ChatCompletionChunk => ModelMeshJsonContext.Default.ChatCompletionChunk;

    /// <summary>Metadata for <see cref="ModelMesh.EmbeddingRequest"/>.</summary>
    public static JsonTypeInfo<EmbeddingRequest> EmbeddingRequest => ModelMeshJsonContext.Default.EmbeddingRequest;

    /// <summary>Metadata for <see cref="ModelMesh.EmbeddingResponse"/>.</summary>
    public static JsonTypeInfo<EmbeddingResponse> EmbeddingResponse => ModelMeshJsonContext.Default.EmbeddingResponse;

    /// <summary>Metadata for <see cref="ModelMesh.SpeechRequest"/>.</summary>
    public static JsonTypeInfo<SpeechRequest> SpeechRequest => ModelMeshJsonContext.Default.SpeechRequest;

    /// <summary>Metadata for <see cref="ModelMesh.TranscriptionResponse"/>.</summary>
    public static JsonTypeInfo<TranscriptionResponse> TranscriptionResponse => ModelMeshJsonContext.Default.TranscriptionResponse;

    /// <summary>Metadata for <see cref="ModelMesh.ModelList"/>.</summary>
    public static JsonTypeInfo<ModelList> ModelList => ModelMeshJsonContext.Default.ModelList;

    /// <summary>Metadata for <see cref="ModelMesh.ModelListEntry"/> (one model, <c>GET /v1/models/{id}</c>).</summary>
    public static JsonTypeInfo<ModelListEntry> ModelListEntry => ModelMeshJsonContext.Default.ModelListEntry;

    /// <summary>Metadata for <see cref="ModelMesh.ErrorResponse"/>.</summary>
    public static JsonTypeInfo<ErrorResponse> ErrorResponse => ModelMeshJsonContext.Default.ErrorResponse;
}
