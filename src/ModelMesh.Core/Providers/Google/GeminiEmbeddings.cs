namespace ModelMesh.Providers.Google;

/// <summary>The body of <c>models/{model}:batchEmbedContents</c>: one request per input text.</summary>
internal sealed record GeminiBatchEmbedRequest(IReadOnlyList<GeminiEmbedRequest> Requests);

/// <summary><see cref="Model"/> is <c>models/{model}</c>, as the batch endpoint requires for each entry.</summary>
internal sealed record GeminiEmbedRequest(string Model, GeminiContent Content, int? OutputDimensionality = null, string? TaskType = null);

internal sealed record GeminiBatchEmbedResponse(IReadOnlyList<GeminiEmbedding>? Embeddings);

internal sealed record GeminiEmbedding(float[] Values);
