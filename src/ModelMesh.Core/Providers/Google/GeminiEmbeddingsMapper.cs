using System.Text.Json;

namespace ModelMesh.Providers.Google;

/// <summary>
/// OpenAI embeddings requests as <c>batchEmbedContents</c> (one entry per input text, in order) and the answer as an
/// OpenAI embeddings response. Gemini reports no token usage for embeddings, so none is given.
/// </summary>
internal static class GeminiEmbeddingsMapper
{
    public static GeminiBatchEmbedRequest Build(EmbeddingRequest request)
    {
        var texts = request.Input.Texts
            ?? throw new ArgumentException("google.gemini.v1 embeds text only; the request's input is token ids.", nameof(request));
        var model = "models/" + (request.Model.StartsWith("models/", StringComparison.Ordinal) ? request.Model["models/".Length..] : request.Model);
        var taskType = request.AdditionalProperties?.TryGetValue("taskType", out var task) == true && task.ValueKind == JsonValueKind.String ? task.GetString() : null;
        return new GeminiBatchEmbedRequest(texts
            .Select(text => new GeminiEmbedRequest(model, new GeminiContent { Parts = [new GeminiPart { Text = text }] }, request.Dimensions, taskType))
            .ToArray());
    }

    public static EmbeddingResponse Parse(GeminiBatchEmbedResponse response, EmbeddingRequest request)
    {
        var embeddings = response.Embeddings ?? [];
        if (embeddings.Count != request.Input.Count)
        {
            throw new InvalidDataException($"Gemini returned {embeddings.Count} embeddings for {request.Input.Count} inputs.");
        }
        var encoding = string.Equals(request.EncodingFormat, "base64", StringComparison.OrdinalIgnoreCase) ? EmbeddingEncoding.Base64 : EmbeddingEncoding.Float;
        return new EmbeddingResponse
        {
            Model = request.Model,
            Data = embeddings.Select((e, i) => new Embedding { Index = i, Vector = new EmbeddingVector(e.Values, encoding) }).ToArray(),
        };
    }
}
