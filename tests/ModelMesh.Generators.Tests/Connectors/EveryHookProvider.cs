using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelMesh;
using ModelMesh.Cdk;

namespace ModelMesh.Generators.Tests.Connectors;

/// <summary>Every hook overridden, in every accepted shape family (static and instance, wire and raw).</summary>
[Provider("every.hook.v1", BaseUrl = "https://every.example.com", ApiKeyEnv = "EVERY_API_KEY")]
[ModelInfo("every-chat", "chat-completion", "code-generation", ContextWindow = 4_096, MaxOutputTokens = 1_024, InputPricePer1K = 0.5, OutputPricePer1K = 1.5, PricePerRequest = 0.01)]
[ModelInfo("every-embed", "text-embeddings")]
[ModelInfo("every-voice", "text-to-speech")]
[ModelInfo("every-ears", "speech-to-text")]
internal sealed partial class EveryHookProvider : BaseProvider
{
    public EveryHookProvider(ProviderOptions options, HttpClient? httpClient = null) : base(options, httpClient)
    {
    }

    [HookOverride(ProviderHook.BuildHeaders)]
    private void Headers(HttpRequestHeaders headers) => headers.TryAddWithoutValidation("x-every", Options.Id);

    [HookOverride(ProviderHook.GetCompletionEndpoint)]
    private static string ChatEndpoint(ChatCompletionRequest request) => "/chat/" + request.Model;

    [HookOverride(ProviderHook.BuildRequestPayload)]
    private static void Payload(Utf8JsonWriter writer, ChatCompletionRequest request)
    {
        writer.WriteStartObject();
        writer.WriteString("q", request.Messages[^1].Text);
        writer.WriteEndObject();
    }

    [HookOverride(ProviderHook.ParseResponse)]
    private static ChatCompletion Parse(ReadOnlyMemory<byte> body) => ChatCompletion.FromText("raw", "every-chat", Encoding.UTF8.GetString(body.Span));

    [HookOverride(ProviderHook.ParseStreamChunk)]
    private static ChatCompletionChunk? Chunk(SseEvent streamEvent) => ChatCompletionChunk.FromText("raw", "every-chat", streamEvent.DataText);

    [HookOverride(ProviderHook.ClassifyError)]
    private ErrorClassification Classify(ProviderError error) =>
        new(error.StatusCode == 429 ? ProviderErrorCategory.RateLimit : ProviderErrorCategory.Unknown, error.StatusCode == 429);

    [HookOverride(ProviderHook.GetEmbeddingsEndpoint)]
    private static string EmbeddingsEndpoint() => "/embed";

    [HookOverride(ProviderHook.BuildEmbeddingsPayload)]
    private static EveryEmbedRequest EmbeddingsPayload(EmbeddingRequest request) => new(request.Model, request.Input.Texts?.ToArray() ?? []);

    [HookOverride(ProviderHook.ParseEmbeddingsResponse)]
    private static EmbeddingResponse Embeddings(EveryEmbedResponse response, EmbeddingRequest request) => new()
    {
        Model = request.Model,
        Data = response.Vectors.Select((v, i) => new Embedding { Index = i, Vector = new EmbeddingVector(v, EmbeddingEncoding.Float) }).ToArray(),
    };

    [HookOverride(ProviderHook.GetModelsEndpoint)]
    private static string ModelsEndpoint() => "/models";

    [HookOverride(ProviderHook.ParseModelsResponse)]
    private static ModelList Models(EveryModels models) => new() { Data = models.Names.Select(n => new ModelListEntry { Id = n }).ToArray() };

    [HookOverride(ProviderHook.GetSpeechEndpoint)]
    private static string SpeechEndpoint(SpeechRequest request) => "/speak/" + request.Voice;

    [HookOverride(ProviderHook.BuildSpeechPayload)]
    private static EverySpeech SpeechPayload(SpeechRequest request) => new(request.Input, request.Voice);

    [HookOverride(ProviderHook.ParseSpeechResponse)]
    private static SpeechResult Speech(ReadOnlyMemory<byte> body, string? contentType, SpeechRequest request) => new(body, contentType, "mp3");

    [HookOverride(ProviderHook.GetTranscriptionEndpoint)]
    private static string TranscriptionEndpoint() => "/listen";

    [HookOverride(ProviderHook.BuildTranscriptionContent)]
    private static HttpContent TranscriptionContent(TranscriptionRequest request) => new ReadOnlyMemoryContent(request.File);

    [HookOverride(ProviderHook.ParseTranscriptionResponse)]
    private static TranscriptionResponse Transcription(EveryTranscript transcript) => new() { Text = transcript.Text };
}

internal sealed record EveryEmbedRequest(string Model, string[] Texts);

internal sealed record EveryEmbedResponse(IReadOnlyList<float[]> Vectors);

internal sealed record EveryModels(List<string> Names);

internal sealed record EverySpeech(string Text, string? Voice);

internal sealed record EveryTranscript(string Text, [property: JsonPropertyName("lang")] string? Language);
