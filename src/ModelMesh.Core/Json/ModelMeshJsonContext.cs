using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Json;

/// <summary>Source-generated serialization metadata for the wire types: no reflection, trimming- and AOT-safe.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ChatContentPart))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingResponse))]
[JsonSerializable(typeof(SpeechRequest))]
[JsonSerializable(typeof(TranscriptionResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelListEntry))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(Usage))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ModelMeshJsonContext : JsonSerializerContext
{
}
